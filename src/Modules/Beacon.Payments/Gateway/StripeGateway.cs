using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Stripe;

namespace Beacon.Payments.Gateway;

/// <summary>
/// The gateway through Stripe.net (ADR 0021), pointed at <see cref="PaymentsOptions.BaseUrl"/>: the sandbox in
/// development and tests, Stripe in production. Stripe.net's own network retries are off: our retries are durable jobs.
/// </summary>
internal sealed class StripeGateway(IHttpClientFactory httpFactory, IOptions<PaymentsOptions> options) : IPaymentGateway
{
    public const string HttpClientName = "payments.gateway";

    public async Task<string> CreateCustomerAsync(Guid tenantId, CancellationToken ct)
    {
        var customer = await Call(client => new CustomerService(client).CreateAsync(
            new CustomerCreateOptions { Metadata = new() { ["tenant_id"] = tenantId.ToString() } },
            new RequestOptions { IdempotencyKey = $"customer-{tenantId:N}" }, ct));
        return customer.Id;
    }

    public async Task<CardOnFile?> AttachAsync(string customerId, string token, CancellationToken ct)
    {
        try
        {
            var method = await Call(client => new PaymentMethodService(client).AttachAsync(token,
                new PaymentMethodAttachOptions { Customer = customerId }, null, ct));
            return new CardOnFile(method.Id, method.Card.Brand, method.Card.Last4, (int)method.Card.ExpMonth, (int)method.Card.ExpYear);
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        try
        {
            var intent = await Call(client => new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = request.AmountCents,
                Currency = request.Currency.ToLowerInvariant(),
                Customer = request.CustomerId,
                PaymentMethod = request.PaymentMethodId,
                Confirm = true,
                OffSession = true,
                Metadata = new()
                {
                    ["tenant_id"] = request.TenantId.ToString(),
                    ["invoice_id"] = request.InvoiceId.ToString(),
                    ["attempt"] = request.Attempt.ToString(CultureInfo.InvariantCulture),
                },
            }, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, ct));
            return intent.Status == "succeeded"
                ? new ChargeOutcome(true, intent.Id, null, null)
                : new ChargeOutcome(false, intent.Id, intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? intent.Status,
                    intent.LastPaymentError?.Message ?? "The payment was not completed.");
        }
        catch (StripeException e) when (e.StripeError?.Type == "card_error")
        {
            return new ChargeOutcome(false, e.StripeError.PaymentIntent?.Id, e.StripeError.DeclineCode ?? e.StripeError.Code,
                e.StripeError.Message);
        }
    }

    private async Task<T> Call<T>(Func<StripeClient, Task<T>> call)
    {
        var o = options.Value;
        if (!o.GatewayConfigured)
        {
            throw new InvalidOperationException("No payment gateway is configured (Beacon:Payments:BaseUrl and ApiKey).");
        }

        var http = httpFactory.CreateClient(HttpClientName);
        var client = new StripeClient(apiKey: o.ApiKey, httpClient: new SystemNetHttpClient(http, 0, null, false),
            apiBase: o.BaseUrl!.ToString().TrimEnd('/'));
        try
        {
            return await call(client);
        }
        catch (StripeException e) when ((int)e.HttpStatusCode is >= 400 and < 500 and not 402 and not 404 and not 409 and not 429)
        {
            throw new GatewayRejectedException(e.StripeError?.Message ?? e.Message, e.StripeError?.Code);
        }
    }
}
