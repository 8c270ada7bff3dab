using System.Net.Sockets;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.Identity.Sso;

/// <summary>
/// Why a single sign-on was refused, as the short code the web app's error page explains. The callback never shows
/// a stack trace: every failure lands on that page with one of these.
/// </summary>
internal static class SsoRefusal
{
    public const string NotConfigured = "not_configured";
    public const string State = "state";
    public const string CodeRejected = "code_rejected";
    public const string Issuer = "issuer";
    public const string Audience = "audience";
    public const string Token = "token";
    public const string EmailMissing = "email_missing";
    public const string EmailUnverified = "email_unverified";
    public const string DomainNotAllowed = "domain_not_allowed";
    public const string ProviderError = "provider_error";
    public const string ProviderUnreachable = "provider_unreachable";

    public static string ErrorPage(string publicUrl, string reason) =>
        publicUrl.TrimEnd('/') + SsoPaths.ErrorPage + "?reason=" + Uri.EscapeDataString(reason);

    /// <summary>The reason behind a failure the OpenID Connect handler reported.</summary>
    public static string Of(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SecurityTokenInvalidIssuerException:
                    return Issuer;
                case SecurityTokenInvalidAudienceException:
                    return Audience;
                case OpenIdConnectProtocolException p when p.Message.Contains("invalid_grant", StringComparison.Ordinal):
                    return CodeRejected;
                case OpenIdConnectProtocolException p when p.Message.Contains("Message contains error", StringComparison.Ordinal):
                    return ProviderError;
                case SecurityTokenException or OpenIdConnectProtocolException:
                    return Token;
                case HttpRequestException or SocketException or TaskCanceledException:
                    return ProviderUnreachable;
            }
        }

        // "Correlation failed." and "The oauth state was missing or invalid.": the answer is not for this browser's request.
        return State;
    }
}
