using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.Sources;

internal sealed record SourceRequest(bool Archived);

internal sealed record SourceResponse(string Name, bool Archived);

/// <summary>Lead sources; an archived source's leads are accepted (204) and dropped.</summary>
internal static class SourceEndpoints
{
    public static void Map(RouteGroupBuilder sources)
    {
        sources.MapGet("/", ListAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("ListLeadSources").WithSummary("Sources with their state (archived sources drop their leads).");
        sources.MapPut("/{name}", PutAsync).RequireAuthorization(Policies.Admin)
            .WithName("SetLeadSource").WithSummary("Archive or restore a lead source.");
    }

    private static async Task<Ok<IEnumerable<SourceResponse>>> ListAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return TypedResults.Ok(await conn.QueryAsync<SourceResponse>(new CommandDefinition("""
            SELECT s.name, coalesce(a.archived, false) AS archived
              FROM (SELECT DISTINCT source AS name FROM leads.leads WHERE tenant_id = @tenant
                    UNION SELECT name FROM leads.sources WHERE tenant_id = @tenant) s
              LEFT JOIN leads.sources a ON a.tenant_id = @tenant AND a.name = s.name
             ORDER BY s.name
            """, new { tenant = user.TenantId() }, cancellationToken: ct)));
    }

    private static async Task<Results<Ok<SourceResponse>, ValidationProblem>> PutAsync(string name, SourceRequest request,
        ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        var source = name.Trim().ToLowerInvariant();
        if (source.Length is 0 or > 200)
        {
            return ProblemResults.Field("name", "1 to 200 characters.");
        }

        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads.sources (tenant_id, name, archived) VALUES (@tenant, @source, @archived)
            ON CONFLICT (tenant_id, name) DO UPDATE SET archived = @archived
            """, new { tenant = user.TenantId(), source, archived = request.Archived }, cancellationToken: ct));
        return TypedResults.Ok(new SourceResponse(source, request.Archived));
    }
}
