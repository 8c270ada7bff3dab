using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.Workflows.Definitions;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Enrolls leads in the active workflows whose trigger an event matches: a capture (<c>lead.created</c>), an import
/// (<c>lead.imported</c>, every lead it created) or a score crossing a threshold (<c>lead.scored</c>).
/// </summary>
internal sealed class Triggers(ILeadSnapshots leads, TriggerEnrollment enrollment, TimeProvider clock)
    : IEventHandler<LeadCreated>, IEventHandler<LeadImported>, IEventHandler<LeadScored>
{
    public async Task HandleAsync(LeadCreated e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.ImportId is null)
        {
            await EnrollAsync(tx, [e.LeadId], w => w.Trigger.Type == "lead_created", $"lead created ({e.Source})", ct);
        }
    }

    public async Task HandleAsync(LeadImported e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.Status == "completed" && e.Created > 0)
        {
            var ids = await leads.ImportedLeadIdsAsync(tx.TenantId, e.ImportId, ct);
            await EnrollAsync(tx, ids, w => w.Trigger.Type == "lead_created", "lead created (import)", ct);
        }
    }

    public Task HandleAsync(LeadScored e, TenantTransaction tx, CancellationToken ct)
    {
        var score = (int)Math.Round(e.Probability * 100);
        var previous = e.PreviousProbability is { } p ? (int)Math.Round(p * 100) : (int?)null;
        return EnrollAsync(tx, [e.LeadId], w => w.Trigger is { Type: "score_crossed", Threshold: { } t } trigger
            && (trigger.Direction == "up" ? score >= t && (previous ?? 0) < t : previous >= t && score < t),
            $"score moved from {previous?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} to {score}", ct);
    }

    private Task<int> EnrollAsync(TenantTransaction tx, IReadOnlyList<Guid> leadIds, Func<WorkflowVersion, bool> matches, string reason,
        CancellationToken ct) =>
        enrollment.EnrollAsync(tx, leadIds, matches, reason, clock.GetUtcNow(), ct);
}
