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

/// <summary>A field left out stays as it is; <paramref name="ClearLead"/> removes the team's lead.</summary>
internal sealed record UpdateTeamRequest(
    [property: StringLength(100, MinimumLength = 1), NoControlCharacters] string? Name,
    Guid? LeadUserId,
    bool? ClearLead);

/// <summary>
/// Rename a team or name its lead. The lead must be an active member of the team with the team_lead role or above:
/// a team lead's lead visibility follows their own team, so a lead from elsewhere would see nothing of it.
/// Members join and leave through a user's team (PATCH /users/{id}).
/// </summary>
internal static class UpdateTeamEndpoint
{
    public static void Map(RouteGroupBuilder teams) => teams.MapPatch("/{id:guid}", HandleAsync)
        .RequireAuthorization(Policies.Admin)
        .WithName("UpdateTeam")
        .WithSummary("Rename a team or set its lead (an active member with the team_lead role or above).");

    private static async Task<Results<Ok<TeamResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, UpdateTeamRequest request, ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        if (request.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            return ProblemResults.Field("name", "The name cannot be blank.");
        }

        if (request.ClearLead == true && request.LeadUserId is not null)
        {
            return ProblemResults.Field("leadUserId", "Name a lead or clear it, not both.");
        }

        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        if (await tx.Connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
                "SELECT 1 FROM identity.teams WHERE tenant_id = @tenant AND id = @id FOR UPDATE",
                new { tenant = tx.TenantId, id }, tx.Transaction, cancellationToken: ct)) is null)
        {
            return TypedResults.NotFound();
        }

        if (request.LeadUserId is { } lead && !await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
                SELECT EXISTS (SELECT 1 FROM identity.users WHERE tenant_id = @tenant AND id = @lead AND team_id = @id AND active
                                  AND role IN ('team_lead', 'admin', 'owner'))
                """, new { tenant = tx.TenantId, lead, id }, tx.Transaction, cancellationToken: ct)))
        {
            return ProblemResults.Field("leadUserId", "The lead must be an active member of this team with the team lead role or above.");
        }

        try
        {
            var team = await tx.Connection.QuerySingleAsync<TeamResponse>(new CommandDefinition($"""
                UPDATE identity.teams t
                   SET name = coalesce(@name, t.name),
                       lead_user_id = CASE WHEN @clear THEN NULL ELSE coalesce(@lead, t.lead_user_id) END
                 WHERE t.tenant_id = @tenant AND t.id = @id
                RETURNING {TeamEndpoints.Columns}
                """, new { tenant = tx.TenantId, id, name = request.Name?.Trim(), lead = request.LeadUserId, clear = request.ClearLead == true },
                tx.Transaction, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return TypedResults.Ok(team);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ProblemResults.Conflict("A team with this name exists.");
        }
    }
}
