using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Payments.Collection;

/// <summary>A brokerage's standing: restricted (writes refused with 402, nothing deleted) while an invoice stays unpaid after dunning.</summary>
internal static class Standing
{
    public const string PayPath = "/settings/payment";

    public static string ReasonFor(string invoiceNumber) =>
        $"Invoice {invoiceNumber} is unpaid after every scheduled payment attempt.";

    public static Task<int> RestrictAsync(TenantTransaction tx, Guid invoiceId, string reason, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO payments.standing (tenant_id, restricted, invoice_id, reason, restricted_at)
            VALUES (@tenant, true, @invoiceId, @reason, @now)
            ON CONFLICT (tenant_id) DO UPDATE SET restricted = true, invoice_id = excluded.invoice_id, reason = excluded.reason,
                restricted_at = CASE WHEN payments.standing.restricted THEN payments.standing.restricted_at ELSE excluded.restricted_at END
            """, new { tenant = tx.TenantId, invoiceId, reason, now }, tx.Transaction, cancellationToken: ct));
}
