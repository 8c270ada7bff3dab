using System.Data;
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

internal sealed record HistoryEntry(int? Step, string Status, string Reason, DateTimeOffset At);

internal sealed record EnrollmentResponse(Guid Id, Guid LeadId, string? LeadName, int Version, string Status, int CurrentStep,
    DateTimeOffset? NextFireAt, int Attempts, string? Reason, DateTimeOffset EnrolledAt, IReadOnlyList<HistoryEntry> History);

internal static class EnrollmentEndpoints
{
    public static void Map(RouteGroupBuilder workflows) =>
        workflows.MapGet("/{id:guid}/enrollments", ListAsync).WithName("ListWorkflowEnrollments")
            .WithSummary("A workflow's enrollments, newest first, each with its step history and the reason for every skip or delay.");

    private static async Task<Results<Ok<IReadOnlyList<EnrollmentResponse>>, StatusCodeHttpResult>> ListAsync(Guid id, ClaimsPrincipal actor,
        Db db, ILeadSnapshots leads, ILeadRoster roster, HttpContext http, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        // One snapshot for both reads: read apart, a step committed between them showed its history line (a deferral)
        // beside the enrollment's time from before it.
        List<Row> rows;
        ILookup<Guid, HistoryRow> history;
        await using (var snapshot = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct))
        {
            rows = (await conn.QueryAsync<Row>(new CommandDefinition("""
                SELECT id, lead_id, version, status, current_step, next_fire_at, attempts, reason, enrolled_at FROM workflows.enrollments
                 WHERE tenant_id = @tenant AND workflow_id = @id ORDER BY enrolled_at DESC LIMIT 200
                """, new { tenant = actor.TenantId(), id }, snapshot, cancellationToken: ct))).ToList();
            history = (await conn.QueryAsync<HistoryRow>(new CommandDefinition("""
                SELECT enrollment_id, step_index, status, reason, at FROM workflows.history
                 WHERE tenant_id = @tenant AND enrollment_id = ANY (@ids) ORDER BY at, id
                """, new { tenant = actor.TenantId(), ids = rows.Select(r => r.Id).ToArray() }, snapshot, cancellationToken: ct)))
                .ToLookup(h => h.EnrollmentId);
            await snapshot.CommitAsync(ct);
        }

        // Names only of leads the caller may open (a team lead sees their team's); the others stay anonymous rows.
        var visible = await roster.VisibleLeadIdsAsync(actor, ct) is { } ids ? ids.ToHashSet() : null;
        var names = await LeadNamesAsync(leads, actor.TenantId(), rows.Select(r => r.LeadId).Where(l => visible?.Contains(l) ?? true), ct);
        IReadOnlyList<EnrollmentResponse> list = [.. rows.Select(r => new EnrollmentResponse(r.Id, r.LeadId,
            names.GetValueOrDefault(r.LeadId), r.Version,
            r.Status, r.CurrentStep, r.NextFireAt, r.Attempts, r.Reason, r.EnrolledAt,
            [.. history[r.Id].Select(h => new HistoryEntry(h.StepIndex, h.Status, h.Reason, h.At))]))];
        return ETagged.NotModified(http, list) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(list);
    }

    /// <summary>The leads' names through Leads' snapshots, one round trip for the page (a deleted lead has none).</summary>
    private static async Task<Dictionary<Guid, string?>> LeadNamesAsync(ILeadSnapshots leads, Guid tenant, IEnumerable<Guid> ids,
        CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        return (await leads.GetManyAsync(tenant, distinct, 0, ct)).ToDictionary(l => l.LeadId, l =>
        {
            var name = $"{l.FirstName} {l.LastName}".Trim();
            return (string?)(name.Length > 0 ? name : l.Emails.Count > 0 ? l.Emails[0] : null);
        });
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }

        public Guid LeadId { get; set; }

        public int Version { get; set; }

        public string Status { get; set; } = "";

        public int CurrentStep { get; set; }

        public DateTimeOffset? NextFireAt { get; set; }

        public int Attempts { get; set; }

        public string? Reason { get; set; }

        public DateTimeOffset EnrolledAt { get; set; }
    }

    internal sealed class HistoryRow
    {
        public Guid EnrollmentId { get; set; }

        public int? StepIndex { get; set; }

        public string Status { get; set; } = "";

        public string Reason { get; set; } = "";

        public DateTimeOffset At { get; set; }
    }
}
