namespace Beacon.Sandbox.Identity;

/// <summary>
/// <c>Sandbox:Identity</c>: where the identity provider listens (its own port, apart from the providers') and the
/// client it knows from the start. Tests register more clients through <c>/_sandbox/identity/clients</c>.
/// </summary>
internal sealed class IdentityProviderSettings
{
    public const string Section = "Sandbox:Identity";

    public string Urls { get; set; } = "http://127.0.0.1:5390";

    public string ClientId { get; set; } = "beacon";

    public string ClientSecret { get; set; } = "sandbox-oidc-secret";

    /// <summary>Where the provider may send people back: Beacon's callback as <c>./beacon run</c> serves it.</summary>
    public string[] RedirectUris { get; set; } = ["http://localhost:5080/api/v1/auth/sso/callback"];
}
