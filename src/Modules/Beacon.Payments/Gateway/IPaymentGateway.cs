namespace Beacon.Payments.Gateway;

/// <summary>The card processor, behind the one boundary the module has with the outside (Stripe's API shape).</summary>
internal interface IPaymentGateway
{
    Task<string> CreateCustomerAsync(Guid tenantId, CancellationToken ct);

    /// <summary>Attaches a payment method (a token from the card form) to the customer; null when the gateway does not know the token.</summary>
    Task<CardOnFile?> AttachAsync(string customerId, string token, CancellationToken ct);

    /// <summary>
    /// Creates and confirms an off-session payment. A decline is an outcome, not an exception; transport and server
    /// errors throw (the caller's job is retried, and <see cref="ChargeRequest.IdempotencyKey"/> makes that safe).
    /// </summary>
    Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct);
}

internal sealed record CardOnFile(string PaymentMethodId, string Brand, string Last4, int ExpMonth, int ExpYear);

internal sealed record ChargeRequest(Guid TenantId, Guid InvoiceId, int Attempt, string CustomerId, string PaymentMethodId,
    long AmountCents, string Currency)
{
    /// <summary>One charge per invoice and attempt, however often the job that makes it runs.</summary>
    public string IdempotencyKey => $"{InvoiceId:N}-{Attempt}";
}

internal sealed record ChargeOutcome(bool Succeeded, string? PaymentIntentId, string? FailureCode, string? FailureMessage);

/// <summary>The gateway refused the request itself (not a card decline): a bad token, a bad key, a bad parameter.</summary>
internal sealed class GatewayRejectedException(string message, string? code) : Exception(message)
{
    public string? Code { get; } = code;
}
