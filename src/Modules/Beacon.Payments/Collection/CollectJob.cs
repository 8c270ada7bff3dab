using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Payments.Collection;

/// <summary>Dunning step <paramref name="Step"/> of an invoice: 0 is the charge at issue, then one per retry of the schedule.</summary>
internal sealed record CollectPayload(Guid InvoiceId, int Step);

/// <summary>A scheduled collection attempt. Gateway errors (not declines) throw, so the job queue retries it with the same idempotency key.</summary>
internal sealed class CollectJob(Collector collector) : IJobHandler<CollectPayload>
{
    public async Task HandleAsync(CollectPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        var invoice = await InvoiceRows.LockAsync(tx, payload.InvoiceId, ct);
        if (invoice is not { Status: "open" } || invoice.DunningStep != payload.Step)
        {
            return; // paid meanwhile (a webhook, "pay now"), or a step already taken
        }

        await collector.AttemptAsync(tx, invoice, scheduled: true, ct);
    }
}
