using System.Globalization;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.Identity.Authentication;

/// <summary>
/// The per-request user check after a token validated (ADR 0004): it speaks for its user only while that user, in the
/// token's tenant, is active with the token's security stamp. Role and team come from the database, so a demotion
/// binds at once and deactivation or sign-out-everywhere within <see cref="AuthOptions.PrincipalCacheLifetime"/>.
/// Used by the JwtBearer scheme and by the live socket alike.
/// </summary>
internal sealed class TokenUserCheck(PrincipalCache principals)
{
    public async Task<(AccessPrincipal? Principal, string? Failure)> CheckAsync(ClaimsIdentity token, DateTimeOffset expiresAt,
        CancellationToken ct)
    {
        if (!Guid.TryParse(token.FindFirst(ClaimNames.Tenant)?.Value, out var tenantId)
            || !Guid.TryParse(token.FindFirst(ClaimNames.Subject)?.Value, out var userId)
            || !int.TryParse(token.FindFirst("sst")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stamp))
        {
            return (null, "the token lacks its tenant, subject or security stamp");
        }

        var user = await principals.UserAsync(tenantId, userId, ct);
        return user is { Active: true } && user.SecurityStamp == stamp
            ? (new AccessPrincipal(tenantId, userId, user.Role, user.TeamId, expiresAt), null)
            : (null, "the user is unknown in this tenant, inactive, or signed out");
    }
}
