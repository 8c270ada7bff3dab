using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Beacon.Workflows.Engine;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Workflows.Definitions;

/// <summary>
/// Pause and resume without writing a new version: a paused workflow enrolls no one and its due steps wait (see
/// <see cref="PauseGate"/>); resuming runs the waiting steps now.
/// </summary>
internal static class PauseEndpoints
{
    public static void Map(RouteGroupBuilder workflows)
    {
        workflows.MapPost("/{id:guid}/pause", (Guid id, ClaimsPrincipal actor, Db db, TimeProvider clock, CancellationToken ct) =>
                SetActiveAsync(id, false, actor, db, clock, ct))
            .WithName("PauseWorkflow").WithSummary("Pause: no new enrollments, and enrolled leads' due steps wait until resumed.");
        workflows.MapPost("/{id:guid}/resume", (Guid id, ClaimsPrincipal actor, Db db, TimeProvider clock, CancellationToken ct) =>
                SetActiveAsync(id, true, actor, db, clock, ct))
            .WithName("ResumeWorkflow").WithSummary("Resume: enroll again, and run the steps that waited during the pause now.");
    }

    private static async Task<Results<Ok<WorkflowResponse>, NotFound>> SetActiveAsync(Guid id, bool active, ClaimsPrincipal actor, Db db,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var tx = await db.BeginAsync(actor.TenantId(), ct))
        {
            var found = await tx.Connection.ExecuteAsync(new CommandDefinition("""
                UPDATE workflows.definitions SET active = @active, updated_at = @now WHERE tenant_id = @tenant AND id = @id
                """, new { tenant = tx.TenantId, id, active, now }, tx.Transaction, cancellationToken: ct));
            if (found == 0)
            {
                return TypedResults.NotFound();
            }

            if (active)
            {
                await PauseGate.ReleaseAsync(tx, id, now, ct);
            }

            await tx.CommitAsync(ct);
        }

        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok((await WorkflowStore.GetAsync(conn, actor.TenantId(), id, ct))!);
    }
}
