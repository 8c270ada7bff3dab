using Beacon.Contracts.Events;

namespace Beacon.Contracts.Billing;

/// <summary>An invoice was finalised and is due: payments collects it.</summary>
[EventName("billing.invoice_issued")]
public sealed record InvoiceIssued(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid InvoiceId, string Number,
    long AmountDueCents, string Currency, DateTimeOffset DueAt)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>The gateway confirmed payment of an invoice in full.</summary>
[EventName("billing.invoice_paid")]
public sealed record InvoicePaid(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid InvoiceId,
    string PaymentReference, long AmountCents)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>A collection attempt failed; NextAttemptAt is null when dunning has given up.</summary>
[EventName("billing.payment_failed")]
public sealed record InvoicePaymentFailed(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid InvoiceId, int Attempt,
    string Reason, DateTimeOffset? NextAttemptAt)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>Dunning ran out: the tenant's plan is restricted (nothing is deleted) until the invoice is paid.</summary>
[EventName("billing.account_restricted")]
public sealed record BillingRestricted(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid InvoiceId, string Reason)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>The overdue invoice was paid: the restriction is lifted.</summary>
[EventName("billing.account_restored")]
public sealed record BillingRestored(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid InvoiceId)
    : IntegrationEvent(Id, TenantId, OccurredAt);
