using System.Text.Json;
using Beacon.Contracts.Leads;
using Beacon.Conversions.Projection;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Conversions.Deals;

/// <summary>
/// A lead's change: its facts are refreshed, the stage it moved to counts as reached and, when that stage is
/// <c>closed</c>, the lead's deal is completed —
/// its open deal (offer, under contract) closes, or a deal is created for the lead's agent. Keyed by the event's id,
/// so a redelivered event makes no second deal; a lead that already has a closed deal gets none.
/// </summary>
internal sealed class DealOnClosedStage(LeadProjection projection) : IEventHandler<LeadUpdated>
{
    public async Task HandleAsync(LeadUpdated e, TenantTransaction tx, CancellationToken ct)
    {
        await projection.RefreshAsync(tx, e.LeadId, e.OccurredAt, ct);
        if (e.Changes.FirstOrDefault(c => c.Field == "stage")?.Current is not { } json
            || JsonSerializer.Deserialize<string>(json) is not { } stage)
        {
            return;
        }

        // The snapshot shows where the lead is now; a stage it passed through (appointment, then lost) is only in the event.
        LeadProjection.Announce(tx, e.LeadId, e.OccurredAt, await LeadFacts.ReachAsync(tx, e.LeadId, stage, e.OccurredAt, ct));
        if (stage != "closed")
        {
            return;
        }

        var closeDate = DateOnly.FromDateTime(e.OccurredAt.UtcDateTime);
        var latest = await DealStore.LatestOfLeadAsync(tx, e.LeadId, ct);
        if (latest is { Stage: "closed" })
        {
            return;
        }

        if (latest is not null)
        {
            await DealStore.UpdateAsync(tx, latest with { Stage = "closed", CloseDate = latest.CloseDate ?? closeDate, UpdatedAt = e.OccurredAt },
                e.ActorId, ct);
            return;
        }

        var agent = await LeadProjection.AgentOfAsync(tx, e.LeadId, ct);
        await DealStore.InsertAsync(tx, new DealResponse(Guid.CreateVersion7(), e.LeadId, agent, "closed", closeDate, null, null,
            "USD", "stage_change", e.OccurredAt, e.OccurredAt, 1), createdBy: e.ActorId, sourceEvent: e.Id, ct);
    }
}
