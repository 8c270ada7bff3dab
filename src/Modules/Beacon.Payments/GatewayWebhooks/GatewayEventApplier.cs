using Beacon.Payments.Collection;
using Beacon.SharedKernel.Database;
using Stripe;

namespace Beacon.Payments.GatewayWebhooks;

/// <summary>
/// What a gateway event changes. Only a success changes state (an open invoice becomes paid), and nothing ever un-pays
/// one, so events arriving late or out of order (a failure after the success) are harmless. Failures are already
/// recorded by the attempt that got the gateway's answer.
/// </summary>
internal sealed class GatewayEventApplier(PaidInvoices paid, TimeProvider clock)
{
    public static Guid? TenantOf(Event e) =>
        e.Data.Object is PaymentIntent intent && intent.Metadata?.GetValueOrDefault("tenant_id") is { } value
            && Guid.TryParse(value, out var tenant) ? tenant : null;

    public async Task<string> ApplyAsync(TenantTransaction tx, Event e, CancellationToken ct)
    {
        if (e.Type != EventTypes.PaymentIntentSucceeded || e.Data.Object is not PaymentIntent intent
            || !Guid.TryParse(intent.Metadata?.GetValueOrDefault("invoice_id"), out var invoiceId))
        {
            return "ignored";
        }

        var invoice = await InvoiceRows.LockAsync(tx, invoiceId, ct);
        if (invoice is not { Status: "open" } || intent.Amount < invoice.AmountCents)
        {
            return "ignored";
        }

        await paid.MarkPaidAsync(tx, invoice, intent.Id, clock.GetUtcNow(), ct);
        return "applied";
    }
}
