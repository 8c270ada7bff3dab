using System.Security.Claims;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.SharedKernel.RateLimits;

/// <summary>Who is counted: the tenant, and within it a user or an API key (each key has a budget of its own).</summary>
public sealed record RateLimitSubject(Guid TenantId, string PrincipalKind, string PrincipalId)
{
    public static RateLimitSubject Of(ClaimsPrincipal user)
    {
        var key = user.FindFirstValue(ClaimNames.ApiKeyId);
        return key is not null
            ? new RateLimitSubject(user.TenantId(), "key", key)
            : new RateLimitSubject(user.TenantId(), "user", user.UserId().ToString("N"));
    }
}
