namespace Beacon.Contracts.Identity;

/// <summary>Who a bearer token or API key speaks for, as checked right now against the database.</summary>
public sealed record AccessPrincipal(Guid TenantId, Guid UserId, string Role, Guid? TeamId, DateTimeOffset? ExpiresAt);

/// <summary>
/// Validates a credential that did not come in an Authorization header (e.g. the first message of a WebSocket):
/// the same checks as the HTTP authentication scheme. Implemented by the Identity module.
/// </summary>
public interface IAccessTokenValidator
{
    /// <summary>The principal, or null when the token or key is malformed, forged, expired, revoked or its user inactive.</summary>
    Task<AccessPrincipal?> ValidateAsync(string credential, CancellationToken ct);
}
