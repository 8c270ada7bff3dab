namespace Beacon.Billing.Invoices;

/// <summary>
/// An invoice. <paramref name="Status"/>: <c>draft</c> (rated, not yet issued), <c>open</c> (issued, due),
/// <c>paid</c>, <c>void</c>. Amounts are integer cents; the failed-collection fields come from payments.
/// </summary>
internal sealed record BillingInvoice(Guid Id, string Month, string? Number, string Status, string Currency, string PlanCode,
    long SubtotalCents, int TaxRateBasisPoints, long TaxCents, long TotalCents, long AmountDueCents, DateTimeOffset RatedAt,
    DateTimeOffset? IssuedAt, DateTimeOffset? DueAt, DateTimeOffset? PaidAt, string? PaymentReference, int FailedAttempts,
    string? LastFailureReason, DateTimeOffset? NextAttemptAt);

internal sealed record BillingInvoiceLine(string Key, string Kind, string? Meter, string Description, long Quantity, long Included,
    long UnitCents, long AmountCents);

internal sealed record BillingInvoiceDetail(BillingInvoice Invoice, IReadOnlyList<BillingInvoiceLine> Lines);
