using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Beacon.IntegrationTests.Payments;

/// <summary>Gateway events as the gateway sends them: Stripe's event JSON, signed <c>Stripe-Signature: t=…,v1=…</c>.</summary>
internal static class GatewayEvents
{
    public static string Event(string id, string type, Guid tenant, Guid invoiceId, long amount = 14_900) =>
        JsonSerializer.Serialize(new
        {
            id,
            @object = "event",
            api_version = "2026-10-28.endive",
            created = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            type,
            livemode = false,
            data = new
            {
                @object = new
                {
                    id = "pi_" + id,
                    @object = "payment_intent",
                    amount,
                    amount_received = amount,
                    currency = "usd",
                    status = type == "payment_intent.succeeded" ? "succeeded" : "requires_payment_method",
                    metadata = new Dictionary<string, string> { ["tenant_id"] = tenant.ToString(), ["invoice_id"] = invoiceId.ToString() },
                },
            },
        });

    public static HttpRequestMessage Signed(string body, string secret = PaymentsFixture.WebhookSecret, TimeSpan? age = null)
    {
        var t = (TimeProvider.System.GetUtcNow() - (age ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/gateway") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={t},v1={v1}");
        return request;
    }
}
