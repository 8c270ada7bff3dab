using Beacon.Contracts.Billing;
using Beacon.Payments.Gateway;
using Beacon.Payments.Notices;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Payments.Collection;

internal sealed record AttemptResult(Guid InvoiceId, int Number, string Outcome, string? FailureCode, string? FailureMessage,
    string? PaymentIntentId, DateTimeOffset? NextAttemptAt);

/// <summary>
/// One collection attempt on one invoice, scheduled (dunning) or asked for ("pay now"), in the caller's transaction
/// with the invoice row locked. The attempt's number is the invoice's attempt count + 1 and the payment intent's
/// idempotency key is invoice + number: a job that charged and then crashed rolled that count back, so its retry
/// asks the gateway with the same key and gets the same payment, not a second one.
/// </summary>
internal sealed class Collector(IPaymentGateway gateway, PaidInvoices paid, DunningNotices notices, TimeProvider clock,
    IOptions<PaymentsOptions> options)
{
    public const string CollectJob = "payments.collect";

    public async Task<AttemptResult?> AttemptAsync(TenantTransaction tx, InvoiceRow invoice, bool scheduled, CancellationToken ct)
    {
        var number = invoice.Attempts + 1;
        var customer = await InvoiceRows.CustomerAsync(tx, ct);
        var outcome = customer?.PaymentMethodId is { } method
            ? await gateway.ChargeAsync(new ChargeRequest(tx.TenantId, invoice.InvoiceId, number, customer.GatewayCustomerId, method,
                invoice.AmountCents, invoice.Currency), ct)
            : new ChargeOutcome(false, null, "no_payment_method", "There is no card on file.");
        var now = clock.GetUtcNow();
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO payments.attempts (tenant_id, invoice_id, number, attempted_at, trigger, outcome, payment_intent_id,
                                           failure_code, failure_message, card_brand, card_last4)
            VALUES (@tenant, @invoiceId, @number, @now, @trigger, @outcome, @intent, @code, @message, @brand, @last4);
            UPDATE payments.invoices SET attempts = @number WHERE tenant_id = @tenant AND invoice_id = @invoiceId;
            """, new
        {
            tenant = tx.TenantId,
            invoice.InvoiceId,
            number,
            now,
            trigger = scheduled ? "scheduled" : "manual",
            outcome = outcome.Succeeded ? "succeeded" : "failed",
            intent = outcome.PaymentIntentId,
            code = outcome.FailureCode,
            message = outcome.FailureMessage,
            brand = customer?.CardBrand,
            last4 = customer?.CardLast4,
        }, tx.Transaction, cancellationToken: ct));

        if (outcome.Succeeded)
        {
            await paid.MarkPaidAsync(tx, invoice, outcome.PaymentIntentId!, now, ct);
            return new AttemptResult(invoice.InvoiceId, number, "succeeded", null, null, outcome.PaymentIntentId, null);
        }

        var reason = outcome.FailureMessage ?? outcome.FailureCode ?? "declined";
        var next = scheduled ? await ScheduleNextAsync(tx, invoice, now, ct) : invoice.NextAttemptAt;
        tx.Publish(new InvoicePaymentFailed(Guid.CreateVersion7(), tx.TenantId, now, invoice.InvoiceId, number, reason, next));
        if (scheduled)
        {
            await notices.FailedAsync(tx, invoice, reason, next, ct);
        }

        if (scheduled && next is null)
        {
            await RestrictAsync(tx, invoice, now, ct);
        }

        return new AttemptResult(invoice.InvoiceId, number, "failed", outcome.FailureCode, outcome.FailureMessage, outcome.PaymentIntentId, next);
    }

    /// <summary>The next dunning step, queued as a durable job; null when the schedule is used up.</summary>
    private async Task<DateTimeOffset?> ScheduleNextAsync(TenantTransaction tx, InvoiceRow invoice, DateTimeOffset now, CancellationToken ct)
    {
        var schedule = options.Value.Schedule;
        DateTimeOffset? next = invoice.DunningStep < schedule.Count ? now + schedule[invoice.DunningStep] : null;
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE payments.invoices SET dunning_step = @step, next_attempt_at = @next, exhausted = @exhausted
             WHERE tenant_id = @tenant AND invoice_id = @invoiceId
            """, new { tenant = tx.TenantId, invoice.InvoiceId, step = invoice.DunningStep + 1, next, exhausted = next is null },
            tx.Transaction, cancellationToken: ct));
        if (next is { } due)
        {
            tx.Enqueue(CollectJob, new CollectPayload(invoice.InvoiceId, invoice.DunningStep + 1), due);
        }

        return next;
    }

    private async Task RestrictAsync(TenantTransaction tx, InvoiceRow invoice, DateTimeOffset now, CancellationToken ct)
    {
        var reason = Standing.ReasonFor(invoice.Number);
        await Standing.RestrictAsync(tx, invoice.InvoiceId, reason, now, ct);
        tx.Publish(new BillingRestricted(Guid.CreateVersion7(), tx.TenantId, now, invoice.InvoiceId, reason));
        await notices.RestrictedAsync(tx, invoice, ct);
    }
}
