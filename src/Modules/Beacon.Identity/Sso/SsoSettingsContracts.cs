using System.ComponentModel.DataAnnotations;

namespace Beacon.Identity.Sso;

/// <summary>
/// What a brokerage saves. <c>clientSecret</c> left out (or null) keeps the stored one; it is never answered back.
/// <c>defaultRole</c> is what a colleague signing in for the first time becomes.
/// </summary>
internal sealed record SsoSettingsRequest(
    bool Enabled,
    [property: Required, StringLength(500), NoControlCharacters] string Issuer,
    [property: Required, StringLength(200), NoControlCharacters] string ClientId,
    [property: StringLength(500), NoControlCharacters] string? ClientSecret,
    [property: Required, MaxLength(20)] string[] AllowedDomains,
    [property: Required, StringLength(20)] string DefaultRole,
    bool SsoOnly);

/// <summary>
/// A brokerage's single sign-on as its owners and admins see it. <c>redirectUri</c> is what to register at the
/// provider; <c>clientSecretSet</c> says whether a secret is stored (its value never leaves the server).
/// </summary>
internal sealed record SsoSettingsResponse(
    bool Configured,
    bool Enabled,
    string Issuer,
    string ClientId,
    bool ClientSecretSet,
    string[] AllowedDomains,
    string DefaultRole,
    bool SsoOnly,
    string RedirectUri,
    DateTimeOffset? UpdatedAt);
