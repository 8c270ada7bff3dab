using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Workflows.Engine;

/// <summary>One workflow a lead is or was enrolled in, for the lead's page: where it stands and what comes next, when.</summary>
internal sealed record LeadEnrollmentResponse(Guid Id, Guid WorkflowId, string WorkflowName, int Version, bool WorkflowActive,
    string Status, int CurrentStep, int StepCount, string? NextStepType, DateTimeOffset? NextFireAt, string? Reason,
    string? LastEvent, DateTimeOffset EnrolledAt);

internal static class LeadEnrollmentsEndpoint
{
    public static void Map(RouteGroupBuilder leads) =>
        leads.MapGet("/{id:guid}/enrollments", ListAsync).WithName("ListLeadEnrollments")
            .WithSummary("The workflows a lead is or was enrolled in, with the next step and when it is due (leads the caller may view).");

    private static async Task<Results<Ok<IReadOnlyList<LeadEnrollmentResponse>>, NotFound, StatusCodeHttpResult>> ListAsync(Guid id,
        ClaimsPrincipal actor, ILeadAccess access, Db db, HttpContext http, CancellationToken ct)
    {
        if (!await access.MayViewAsync(actor, id, ct))
        {
            return TypedResults.NotFound();
        }

        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var rows = await conn.QueryAsync<LeadEnrollmentResponse>(new CommandDefinition("""
            SELECT e.id AS Id, e.workflow_id AS WorkflowId, d.name AS WorkflowName, e.version AS Version, d.active AS WorkflowActive,
                   e.status AS Status, e.current_step AS CurrentStep, jsonb_array_length(v.steps) AS StepCount,
                   CASE WHEN e.status = 'active' THEN v.steps -> e.current_step ->> 'type' END AS NextStepType,
                   e.next_fire_at AS NextFireAt, e.reason AS Reason,
                   (SELECT h.reason FROM workflows.history h WHERE h.tenant_id = e.tenant_id AND h.enrollment_id = e.id
                     ORDER BY h.at DESC, h.id DESC LIMIT 1) AS LastEvent,
                   e.enrolled_at AS EnrolledAt
              FROM workflows.enrollments e
              JOIN workflows.definitions d ON d.tenant_id = e.tenant_id AND d.id = e.workflow_id
              JOIN workflows.versions v ON v.tenant_id = e.tenant_id AND v.workflow_id = e.workflow_id AND v.version = e.version
             WHERE e.tenant_id = @tenant AND e.lead_id = @id
             ORDER BY e.enrolled_at DESC
            """, new { tenant = actor.TenantId(), id }, cancellationToken: ct));
        IReadOnlyList<LeadEnrollmentResponse> list = [.. rows];
        return ETagged.NotModified(http, list) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(list);
    }
}
