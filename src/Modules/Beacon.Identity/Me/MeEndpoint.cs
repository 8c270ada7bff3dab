using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Beacon.Identity.Me;

internal sealed record TenantInfo(Guid Id, string Name, bool IsDemo);

/// <param name="TimeZone">An IANA name (<c>America/Chicago</c>), null when the user has not chosen one.</param>
/// <param name="Signature">The e-mail signature workflow messages end with (<c>{{agent.signature}}</c>), lines separated by \n.</param>
internal sealed record MeResponse(Guid Id, string Email, string DisplayName, string Role, Guid? TeamId, string Kind,
    Guid? ApiKeyId, TenantInfo Tenant, string? Phone, string? TimeZone, string? Signature);

internal static class MeEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) => api.MapGet("/me", HandleAsync)
        .RequireAuthorization(Policies.ReadOnly)
        .WithName("GetMe")
        .WithSummary("Who is calling: the user (or the API key's creator and the key's role) and the tenant.");

    private static async Task<Results<Ok<MeResponse>, NotFound>> HandleAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var me = await LoadAsync(conn, null, user, ct);
        return me is null ? TypedResults.NotFound() : TypedResults.Ok(me);
    }

    public static async Task<MeResponse?> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var tenantId = user.TenantId();
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT u.id, u.email, u.display_name AS DisplayName, u.team_id AS TeamId, t.name AS TenantName, t.is_demo AS IsDemo,
                   u.phone, u.time_zone AS TimeZone, u.email_signature AS Signature
              FROM identity.users u JOIN identity.tenants t ON t.tenant_id = u.tenant_id
             WHERE u.tenant_id = @tenantId AND u.id = @userId
            """, new { tenantId, userId = user.UserId() }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        Guid? apiKeyId = Guid.TryParse(user.FindFirstValue(ClaimNames.ApiKeyId), out var k) ? k : null;
        return new MeResponse(row.Id, row.Email, row.DisplayName, user.Role(), row.TeamId,
            user.IsApiKey() ? "api_key" : "user", apiKeyId, new TenantInfo(tenantId, row.TenantName, row.IsDemo), row.Phone, row.TimeZone, row.Signature);
    }

    private sealed record Row(Guid Id, string Email, string DisplayName, Guid? TeamId, string TenantName, bool IsDemo,
        string? Phone, string? TimeZone, string? Signature);
}
