namespace Beacon.Identity.Tokens;

/// <summary>What an access token says. <see cref="SecurityStamp"/> changes on logout-everywhere or password change.</summary>
internal sealed record AccessTokenClaims(Guid TenantId, Guid UserId, string Role, int SecurityStamp, DateTimeOffset ExpiresAt);
