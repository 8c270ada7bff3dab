using System.Security.Claims;

namespace Beacon.SharedKernel.Tenancy;

public static class PrincipalExtensions
{
    public static Guid TenantId(this ClaimsPrincipal user) => ReadGuid(user, ClaimNames.Tenant);

    /// <summary>The user, or for an API key the user who created it.</summary>
    public static Guid UserId(this ClaimsPrincipal user) => ReadGuid(user, ClaimNames.Subject);

    public static string Role(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Role) ?? throw new InvalidOperationException("The principal has no role.");

    public static bool IsApiKey(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Kind) == "api_key";

    private static Guid ReadGuid(ClaimsPrincipal user, string claim) =>
        Guid.TryParse(user.FindFirstValue(claim), out var id)
            ? id
            : throw new InvalidOperationException($"The principal has no '{claim}' claim.");
}
