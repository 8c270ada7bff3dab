using System.ComponentModel.DataAnnotations;
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
using Npgsql;

namespace Beacon.Identity.Teams;

internal sealed record CreateTeamRequest([property: Required, StringLength(100, MinimumLength = 1), NoControlCharacters] string Name);

/// <summary><paramref name="LeadUserId"/>: the member who leads the team, if one was named.</summary>
internal sealed record TeamResponse(Guid Id, string Name, Guid? LeadUserId, int MemberCount, DateTimeOffset CreatedAt);

/// <summary>Teams group agents under a team lead; a team lead sees the leads of their team.</summary>
internal static class TeamEndpoints
{
    public const string Columns = """
        t.id, t.name, t.lead_user_id AS LeadUserId,
        (SELECT count(*)::int FROM identity.users u WHERE u.tenant_id = t.tenant_id AND u.team_id = t.id AND u.active) AS MemberCount,
        t.created_at AS CreatedAt
        """;

    public static void Map(IEndpointRouteBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Users");
        teams.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadOnly).WithName("ListTeams").WithSummary("The tenant's teams.");
        teams.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).WithName("CreateTeam").WithSummary("Create a team.");
        UpdateTeamEndpoint.Map(teams);
    }

    private static async Task<Ok<IEnumerable<TeamResponse>>> ListAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return TypedResults.Ok(await conn.QueryAsync<TeamResponse>(new CommandDefinition(
            $"SELECT {Columns} FROM identity.teams t WHERE t.tenant_id = @tenant ORDER BY t.name",
            new { tenant = user.TenantId() }, cancellationToken: ct)));
    }

    private static async Task<Results<Created<TeamResponse>, ProblemHttpResult>> CreateAsync(
        CreateTeamRequest request, ClaimsPrincipal user, Db db, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        try
        {
            var team = await conn.QuerySingleAsync<TeamResponse>(new CommandDefinition("""
                INSERT INTO identity.teams (tenant_id, id, name, created_at) VALUES (@tenant, @id, @name, @now)
                RETURNING id, name, lead_user_id AS LeadUserId, 0 AS MemberCount, created_at AS CreatedAt
                """, new { tenant = user.TenantId(), id = Guid.CreateVersion7(), name = request.Name.Trim(), now = clock.GetUtcNow() },
                cancellationToken: ct));
            return TypedResults.Created($"/api/v1/teams/{team.Id}", team);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ProblemResults.Conflict("A team with this name exists.");
        }
    }
}
