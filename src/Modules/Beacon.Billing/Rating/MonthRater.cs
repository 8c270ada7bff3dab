using Beacon.Billing.Invoices;
using Beacon.Billing.Plans;
using Beacon.Contracts.Billing;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Billing.Rating;

/// <summary>
/// Rates one tenant's month in one transaction: reads the distinct usage and the plan periods, upserts the draft
/// invoice and its lines by key, and — once the month is over — numbers and opens it and publishes
/// <see cref="InvoiceIssued"/> with it. Killed anywhere, the transaction rolls back and the job runs again from the
/// start; a finalised invoice is never rated again, so every run converges on the same invoice.
/// </summary>
internal sealed class MonthRater(Db db, IOptions<BillingOptions> options, TimeProvider clock)
{
    public async Task<Guid?> RateAsync(Guid tenant, BillingMonth month, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(tenant, ct);
        var outcome = await RateAsync(tx, month, ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    public async Task<Guid?> RateAsync(TenantTransaction tx, BillingMonth month, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The subscription's lock serialises ratings and plan changes of one tenant.
        if (await SubscriptionStore.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, forUpdate: true, ct) is not { } subscription)
        {
            return null;
        }

        if (await InvoiceStore.LockAsync(tx, month, ct) is { Status: not "draft" } finalised)
        {
            return finalised.Id;
        }

        var plans = await PlanCatalog.AllAsync(tx.Connection, tx.Transaction, ct);
        var periods = await SubscriptionStore.PeriodsAsync(tx.Connection, tx.Transaction, tx.TenantId, month.Start, month.End, ct);
        var usage = await UsageTotalsAsync(tx, month, ct);
        var rated = MonthRating.Rate(month, periods, plans, usage, subscription.TrialEndsAt, subscription.TaxRateBasisPoints,
            subscription.PlanCode);
        var id = await InvoiceStore.SaveDraftAsync(tx, month, rated, now, ct);
        if (month.End <= now)
        {
            var due = now.AddDays(options.Value.PaymentTermDays);
            var number = await InvoiceStore.FinaliseAsync(tx, id, now.UtcDateTime.Year, rated.AmountDueCents == 0, now, due, ct);
            if (rated.AmountDueCents > 0)
            {
                tx.Publish(new InvoiceIssued(Guid.CreateVersion7(now), tx.TenantId, now, id, number, rated.AmountDueCents,
                    rated.Currency, due));
            }
        }

        return id;
    }

    public static async Task<IReadOnlyList<MeterTotal>> UsageTotalsAsync(TenantTransaction tx, BillingMonth month, CancellationToken ct) =>
        [.. await tx.Connection.QueryAsync<MeterTotal>(new CommandDefinition("""
            SELECT meter AS Meter, sum(quantity)::bigint AS Quantity FROM billing.usage
             WHERE tenant_id = @tenant AND month = @month::date GROUP BY meter
            """, new { tenant = tx.TenantId, month = month.Sql }, tx.Transaction, commandTimeout: UsageScanTimeoutSeconds,
            cancellationToken: ct))];

    /// <summary>A busy brokerage's month is millions of rows (10M rate in seconds, docs/benchmarks.md); the default 30 s is no budget for a batch job.</summary>
    private const int UsageScanTimeoutSeconds = 600;
}
