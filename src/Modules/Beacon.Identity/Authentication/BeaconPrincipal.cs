using System.Security.Claims;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.Identity.Authentication;

/// <summary>
/// The principal every authenticated request carries, whichever scheme admitted it: tenant, subject, role and kind
/// (user or API key), with role and team as the database says now, not as a token once said.
/// </summary>
internal static class BeaconPrincipal
{
    /// <summary>The policy scheme requests authenticate with; it forwards to <see cref="BearerScheme"/> or <see cref="ApiKeyScheme"/>.</summary>
    public const string Scheme = "Beacon";

    public const string BearerScheme = "Bearer";

    public const string ApiKeyScheme = "ApiKey";

    public static ClaimsPrincipal Create(Guid tenantId, Guid subject, string role, string kind, Claim? extra)
    {
        List<Claim> claims =
        [
            new(ClaimNames.Tenant, tenantId.ToString()),
            new(ClaimNames.Subject, subject.ToString()),
            new(ClaimNames.Role, role),
            new(ClaimNames.Kind, kind),
        ];
        if (extra is not null)
        {
            claims.Add(extra);
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimNames.Subject, ClaimNames.Role));
    }

    /// <summary>
    /// Which credential a request sent: <c>Authorization: Bearer …</c> (first), <c>Authorization: ApiKey …</c>, or
    /// <c>X-Api-Key</c>. The policy scheme forwards on this; each scheme then reads its own.
    /// </summary>
    public static (string? Kind, string? Credential) ReadCredential(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (BearerScheme, authorization[7..].Trim());
        }

        if (authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            return (ApiKeyScheme, authorization[7..].Trim());
        }

        string header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? (ApiKeyScheme, header.Trim()) : (null, null);
    }
}
