using System.Net;
using System.Text;
using OpenIddict.Abstractions;

namespace Beacon.Sandbox.Identity;

/// <summary>
/// The provider's sign-in page: one button per person. The form posts the original authorization request back
/// (every parameter as a hidden field) plus the chosen person, which OpenIddict accepts as a POST authorization request.
/// </summary>
internal static class SignInForm
{
    public static string Render(OpenIddictRequest request, IReadOnlyList<SandboxUser> users)
    {
        var html = new StringBuilder("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox identity provider</title>
            <style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}button{display:block;width:100%;
            margin:.5rem 0;padding:.75rem;text-align:left;font-size:1rem}small{color:#666}</style></head><body>
            <h1>Sandbox identity provider</h1><p>Choose who signs in (no password: this is a test double).</p>
            <form method="post" action="/connect/authorize">
            """);
        foreach (var (name, value) in request.GetParameters())
        {
            if (name != IdentityProviderEndpoints.UserField)
            {
                html.Append($"""<input type="hidden" name="{Encode(name)}" value="{Encode((string?)value)}">""");
            }
        }

        foreach (var user in users)
        {
            var note = user.EmailVerified ? "" : " (e-mail not verified)";
            html.Append($"""<button type="submit" name="{IdentityProviderEndpoints.UserField}" value="{Encode(user.Id)}">""")
                .Append($"""{Encode(user.Name)}<br><small>{Encode(user.Email)}{note}</small></button>""");
        }

        return html.Append("</form></body></html>").ToString();
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
