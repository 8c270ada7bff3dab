using System.Net.Http.Json;
using Beacon.TestKit;

namespace Beacon.IntegrationTests.Identity.Sso;

/// <summary>A brokerage with single sign-on through the sandbox provider, on a domain no other test uses.</summary>
internal sealed record SsoBrokerage(TenantSession Owner, string Domain)
{
    public string Address(string local) => $"{local}@{Domain}";

    public static string NewDomain() => $"sso{Guid.NewGuid():N}"[..15] + ".test";

    public static async Task<SsoBrokerage> CreateAsync(BeaconApp app, SandboxIdentityProvider idp, string defaultRole = "agent",
        bool ssoOnly = false)
    {
        var owner = await app.SignupAsync();
        var domain = NewDomain();
        using var saved = await owner.Client.PutAsJsonAsync("/api/v1/sso", Settings(idp, domain, defaultRole, ssoOnly));
        await saved.EnsureSuccessAsync();
        return new SsoBrokerage(owner, domain);
    }

    public static object Settings(SandboxIdentityProvider idp, string domain, string defaultRole = "agent", bool ssoOnly = false,
        string? secret = SandboxIdentityProvider.ClientSecret) => new
        {
            enabled = true,
            issuer = idp.Issuer.ToString(),
            clientId = SandboxIdentityProvider.ClientId,
            clientSecret = secret,
            allowedDomains = new[] { domain },
            defaultRole,
            ssoOnly,
        };
}
