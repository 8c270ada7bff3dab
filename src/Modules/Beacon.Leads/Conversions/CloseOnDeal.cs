using System.Text.Json;
using Beacon.Contracts.Conversions;
using Beacon.Contracts.Leads;
using Beacon.Leads.Activities;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Leads.Conversions;

/// <summary>
/// A deal recorded as closed closes its lead: the stage moves to <c>closed</c> exactly as a person's change would
/// (timeline entry, <c>lead.updated</c>), so scoring's outcome, the funnel and every screen follow the one path a
/// stage change takes, and a closed deal never disagrees with an open lead. A lead already closed is left alone.
/// </summary>
internal sealed class CloseOnDeal(TimeProvider clock) : IEventHandler<LeadDealRecorded>
{
    public async Task HandleAsync(LeadDealRecorded e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.Stage != "closed" || await LeadStore.LockAsync(tx, e.LeadId, ct) is not { } row || row.Stage == "closed")
        {
            return;
        }

        var now = clock.GetUtcNow();
        var from = row.Stage;
        row.Stage = "closed";
        await LeadStore.UpdateAsync(tx, row, now, ct);
        await ActivityWriter.WriteAsync(tx, [new NewActivity(e.LeadId, "stage_change", now, e.ActorId,
            $"Stage {from} → closed (deal recorded).", JsonSerializer.Serialize(new { from, to = "closed", dealId = e.DealId }))], ct);
        tx.Publish(new LeadUpdated(Guid.CreateVersion7(), tx.TenantId, now, e.LeadId, e.ActorId,
            [new LeadFieldChange("stage", JsonSerializer.Serialize(from), "\"closed\"")]));
    }
}
