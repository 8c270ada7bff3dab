using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Privacy.Retention;

internal sealed record RetentionPolicy(bool Enabled, int InactiveMonths, DateTimeOffset? UpdatedAt, Guid? UpdatedBy,
    DateTimeOffset? LastRunAt, int LastRunErased)
{
    /// <summary>Off until a tenant turns it on; 24 months is offered as the starting value.</summary>
    public static RetentionPolicy Default { get; } = new(false, 24, null, null, null, 0);
}

internal sealed record RetentionRequest([property: Required] bool? Enabled, [property: Required, Range(1, 120)] int? InactiveMonths);

internal static class RetentionEndpoints
{
    public static void Map(RouteGroupBuilder privacy)
    {
        privacy.MapGet("/retention", GetAsync).RequireAuthorization(Policies.Admin)
            .WithName("GetRetentionPolicy").WithSummary("The brokerage's retention policy (off by default).");
        privacy.MapPut("/retention", PutAsync).RequireAuthorization(Policies.Admin)
            .WithName("SetRetentionPolicy")
            .WithSummary("Erase leads that never converted after N months (1–120) without activity; checked every few hours.");
    }

    private static async Task<Ok<RetentionPolicy>> GetAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return TypedResults.Ok(await ReadAsync(conn, user.TenantId(), ct));
    }

    private static async Task<Ok<RetentionPolicy>> PutAsync(RetentionRequest request, ClaimsPrincipal user, Db db, TimeProvider clock,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO privacy.retention_policies (tenant_id, enabled, inactive_months, updated_at, updated_by)
            VALUES (@tenant, @enabled, @months, @now, @user)
            ON CONFLICT (tenant_id) DO UPDATE SET enabled = excluded.enabled, inactive_months = excluded.inactive_months,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new
        {
            tenant = user.TenantId(),
            enabled = request.Enabled!.Value,
            months = request.InactiveMonths!.Value,
            now = clock.GetUtcNow(),
            user = user.UserId()
        }, cancellationToken: ct));
        return TypedResults.Ok(await ReadAsync(conn, user.TenantId(), ct));
    }

    private static async Task<RetentionPolicy> ReadAsync(System.Data.Common.DbConnection conn, Guid tenant, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<RetentionPolicy>(new CommandDefinition("""
            SELECT enabled, inactive_months AS InactiveMonths, updated_at AS UpdatedAt, updated_by AS UpdatedBy,
                   last_run_at AS LastRunAt, last_run_erased AS LastRunErased
              FROM privacy.retention_policies WHERE tenant_id = @tenant
            """, new { tenant }, cancellationToken: ct)) ?? RetentionPolicy.Default;
}
