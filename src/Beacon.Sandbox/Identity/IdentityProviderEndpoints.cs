using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Beacon.Sandbox.Identity;

/// <summary>
/// The two routes OpenIddict passes through: authorize (a sign-in form listing the sandbox's people; picking one
/// signs in as them, no password) and token (the code's principal signed in again, so the id_token is issued).
/// </summary>
internal static class IdentityProviderEndpoints
{
    public const string UserField = "sandbox_user";

    public static void MapIdentityProviderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize);
        app.MapPost("/connect/token", (Delegate)Token);
    }

    private static IResult Authorize(HttpContext http, SandboxUsers users)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not pass an authorization request through.");
        if (users.Find((string?)request[UserField]) is not { } user)
        {
            return Results.Content(SignInForm.Render(request, users.All), "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id));
        identity.AddClaim(new Claim(Claims.Email, user.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Name, user.Name));
        identity.SetScopes(request.GetScopes());
        return SignIn(identity);
    }

    private static async Task<IResult> Token(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal?.Identity is not ClaimsIdentity identity)
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return SignIn(new ClaimsIdentity(identity.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role));
    }

    private static IResult SignIn(ClaimsIdentity identity)
    {
        // Every claim goes into the id_token: the relying party reads e-mail, its verification and the name from it.
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
