using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class GatewayTests : IDisposable
{
    private readonly SandboxApp _app = new("Sandbox:Gateway:WebhookRetryDelaysMs=50,50,50");

    public void Dispose() => _app.Dispose();

    private HttpClient Gateway(string key = "sk_test_sandbox") =>
        WithBearer(_app.CreateClient(), key);

    private static HttpClient WithBearer(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + key);
        return client;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<(string Customer, string Method)> CardAsync(HttpClient gateway, string token)
    {
        var customer = await Json.ReadAsync(await gateway.PostAsync("/v1/customers", Form(("metadata[tenant_id]", "t1")), Ct));
        var method = await gateway.PostAsync($"/v1/payment_methods/{token}/attach", Form(("customer", customer.At("id").GetString()!)), Ct);
        method.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (customer.At("id").GetString()!, (await Json.ReadAsync(method)).At("id").GetString()!);
    }

    private static Task<HttpResponseMessage> ChargeAsync(HttpClient gateway, string customer, string method, string? key = null, long amount = 4900)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payment_intents")
        {
            Content = Form(("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("currency", "usd"),
                ("customer", customer), ("payment_method", method), ("confirm", "true"), ("off_session", "true"), ("metadata[invoice_id]", "inv-1")),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return gateway.SendAsync(request, Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visa_test_token_attaches_as_a_card_and_its_off_session_payment_succeeds()
    {
        var gateway = Gateway();
        var (customer, method) = await CardAsync(gateway, "pm_card_visa");
        var card = await Json.ReadAsync(await gateway.GetAsync($"/v1/payment_methods/{method}", Ct));
        card.At("card.brand").GetString().ShouldBe("visa");
        card.At("card.last4").GetString().ShouldBe("4242");
        card.At("customer").GetString().ShouldBe(customer);

        var response = await ChargeAsync(gateway, customer, method);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var intent = await Json.ReadAsync(response);
        intent.At("object").GetString().ShouldBe("payment_intent");
        intent.At("status").GetString().ShouldBe("succeeded");
        intent.At("amount_received").GetInt64().ShouldBe(4900);
        intent.At("metadata.invoice_id").GetString().ShouldBe("inv-1");
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    public async Task A_declining_test_card_is_answered_402_with_stripes_card_error(string token, string declineCode)
    {
        var gateway = Gateway();
        var (customer, method) = await CardAsync(gateway, token);

        var response = await ChargeAsync(gateway, customer, method);

        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var error = (await Json.ReadAsync(response)).At("error");
        error.At("type").GetString().ShouldBe("card_error");
        error.At("code").GetString().ShouldBe("card_declined");
        error.At("decline_code").GetString().ShouldBe(declineCode);
        error.At("payment_intent.status").GetString().ShouldBe("requires_payment_method");
    }

    [Fact]
    public async Task The_decline_once_card_fails_its_first_charge_and_succeeds_on_the_next()
    {
        var gateway = Gateway();
        var (customer, method) = await CardAsync(gateway, "pm_card_sandbox_declineOnce");

        (await ChargeAsync(gateway, customer, method)).StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        (await ChargeAsync(gateway, customer, method)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer_and_charges_once()
    {
        var gateway = Gateway();
        var (customer, method) = await CardAsync(gateway, "pm_card_visa");

        var first = await ChargeAsync(gateway, customer, method, key: "inv-1-1");
        var again = await ChargeAsync(gateway, customer, method, key: "inv-1-1");
        var otherParameters = await ChargeAsync(gateway, customer, method, key: "inv-1-1", amount: 9900);

        (await Json.ReadAsync(again)).At("id").GetString().ShouldBe((await Json.ReadAsync(first)).At("id").GetString());
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        otherParameters.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json.ReadAsync(otherParameters)).At("error.type").GetString().ShouldBe("idempotency_error");
        var list = await Json.ReadAsync(await gateway.GetAsync($"/v1/payment_intents?customer={customer}", Ct));
        list.At("data").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Bad_requests_get_stripes_error_shape_and_status()
    {
        var wrongKey = await Gateway("sk_test_wrong").PostAsync("/v1/customers", Form(), Ct);
        wrongKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Json.ReadAsync(wrongKey)).At("error.type").GetString().ShouldBe("invalid_request_error");

        var gateway = Gateway();
        var (customer, method) = await CardAsync(gateway, "pm_card_visa");
        var unknownToken = await gateway.PostAsync("/v1/payment_methods/pm_card_nonsense/attach", Form(("customer", customer)), Ct);
        unknownToken.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json.ReadAsync(unknownToken)).At("error.code").GetString().ShouldBe("resource_missing");

        var tooSmall = await ChargeAsync(gateway, customer, method, amount: 10);
        tooSmall.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json.ReadAsync(tooSmall)).At("error.param").GetString().ShouldBe("amount");
    }

    [Fact]
    public async Task Events_are_posted_signed_as_stripe_signs_them_and_retried_until_the_receiver_accepts()
    {
        await using var receiver = await GatewayReceiver.StartAsync(failFirst: 2);
        (await _app.Admin().PostAsJsonAsync("/_sandbox/gateway/webhook-endpoint", new { url = receiver.Url, secret = "whsec_test" }, Ct))
            .EnsureSuccessStatusCode();
        var gateway = Gateway();
        var (customer, method) = await CardAsync(gateway, "pm_card_visa");
        var intentId = (await Json.ReadAsync(await ChargeAsync(gateway, customer, method))).At("id").GetString();

        var deliveries = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };

        foreach (var delivery in deliveries)
        {
            var parts = delivery.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("whsec_test"),
                Encoding.UTF8.GetBytes($"{parts["t"]}.{delivery.Body}")));
            parts["v1"].ShouldBe(expected);
            parts["t"].ShouldBe(_app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        deliveries.Select(d => d.Body).Distinct().Count().ShouldBe(1, "a retry re-sends the same event");
        var sent = System.Text.Json.JsonDocument.Parse(deliveries[0].Body).RootElement;
        sent.At("type").GetString().ShouldBe("payment_intent.succeeded");
        sent.At("data.object.id").GetString().ShouldBe(intentId);
        sent.At("api_version").GetString().ShouldBe("2026-10-28.endive");
        // The gateway records the attempt once the receiver's answer is back, a moment after the receiver saw the post.
        var log = await EventLogOnceDeliveredAsync();
        log.At("0.attempts").GetInt32().ShouldBe(3);
        log.At("0.delivered").GetBoolean().ShouldBeTrue();
    }

    private async Task<JsonElement> EventLogOnceDeliveredAsync()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var log = await Json.ReadAsync(await _app.Admin().GetAsync("/_sandbox/gateway/events", Ct));
            if (log.At("0.delivered").GetBoolean() || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                return log;
            }

            await Task.Delay(50, Ct);
        }
    }
}
