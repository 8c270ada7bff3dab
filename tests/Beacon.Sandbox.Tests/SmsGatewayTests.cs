using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class SmsGatewayTests : IDisposable
{
    private const string Messages = "/2010-04-01/Accounts/ACsandbox/Messages.json";
    private const string Token = "sandbox-sms-token";
    private readonly SandboxApp _app = new("Sandbox:Sms:StatusDelayMs=10", "Sandbox:Sms:CallbackRetryDelaysMs=50");

    public void Dispose() => _app.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Sms(string credentials = "ACsandbox:" + Token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return client;
    }

    private static HttpRequestMessage Send(string to, string body, Uri? callback = null, string? key = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("To", to), new("From", "+13125550000"), new("Body", body) };
        if (callback is not null)
        {
            fields.Add(new("StatusCallback", callback.ToString()));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, Messages) { Content = new FormUrlEncodedContent(fields) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    private static void ShouldBeSigned(SmsReceiver.Received received)
    {
        var t = received.Signature.Split(',')[0][2..];
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Token), Encoding.UTF8.GetBytes($"{t}.{received.Query.TrimStart('?')}.{received.Body}")));
        received.Signature.ShouldBe($"t={t},v1={mac}");
    }

    [Fact]
    public async Task A_sent_message_is_queued_with_its_segments_then_reported_sent_and_delivered_to_its_signed_status_callback()
    {
        await using var receiver = await SmsReceiver.StartAsync();

        var response = await Sms().SendAsync(Send("+13125550101", new string('a', 161), receiver.Url), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var message = await Json.ReadAsync(response);
        message.At("status").GetString().ShouldBe("queued");
        message.At("num_segments").GetInt32().ShouldBe(2, "161 GSM-7 characters take two 153-character segments");
        var sid = message.At("sid").GetString()!;
        var sent = await receiver.NextAsync();
        var delivered = await receiver.NextAsync();
        (sent.Fields["MessageSid"], sent.Fields["MessageStatus"]).ShouldBe((sid, "sent"));
        (delivered.Fields["MessageSid"], delivered.Fields["MessageStatus"]).ShouldBe((sid, "delivered"));
        ShouldBeSigned(delivered);
    }

    [Fact]
    public async Task A_message_to_the_undeliverable_test_number_fails_with_error_30003()
    {
        await using var receiver = await SmsReceiver.StartAsync();

        (await Sms().SendAsync(Send("+15005550009", "Hello", receiver.Url), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var failed = await receiver.NextAsync();
        failed.Fields["MessageStatus"].ShouldBe("failed");
        failed.Fields["ErrorCode"].ShouldBe("30003");
    }

    [Fact]
    public async Task A_repeated_idempotency_key_answers_the_first_message_and_sends_nothing_more()
    {
        var first = await Json.ReadAsync(await Sms().SendAsync(Send("+13125550102", "Once", key: "k-1"), Ct));
        var again = await Sms().SendAsync(Send("+13125550102", "Once", key: "k-1"), Ct);

        (await Json.ReadAsync(again)).At("sid").GetString().ShouldBe(first.At("sid").GetString());
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var all = await Json.ReadAsync(await _app.Admin().GetAsync("/_sandbox/sms/messages", Ct));
        all.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Bad_numbers_long_bodies_and_wrong_credentials_are_refused_in_twilio_style()
    {
        var badTo = await Sms().SendAsync(Send("3125550101", "Hi"), Ct);
        var tooLong = await Sms().SendAsync(Send("+13125550101", new string('a', 1601)), Ct);
        var wrongToken = await Sms("ACsandbox:wrong").SendAsync(Send("+13125550101", "Hi"), Ct);

        (badTo.StatusCode, (await Json.ReadAsync(badTo)).At("code").GetInt32()).ShouldBe((HttpStatusCode.BadRequest, 21211));
        (tooLong.StatusCode, (await Json.ReadAsync(tooLong)).At("code").GetInt32()).ShouldBe((HttpStatusCode.BadRequest, 21617));
        (wrongToken.StatusCode, (await Json.ReadAsync(wrongToken)).At("code").GetInt32()).ShouldBe((HttpStatusCode.Unauthorized, 20003));
    }

    [Fact]
    public async Task An_injected_inbound_stop_is_posted_signed_to_the_inbound_webhook()
    {
        await using var receiver = await SmsReceiver.StartAsync();

        var response = await _app.Admin().PostAsJsonAsync("/_sandbox/sms/inbound",
            new { from = "+13125550103", to = "+13125550000", body = "STOP", url = receiver.Url }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var inbound = await receiver.NextAsync();
        (inbound.Fields["From"], inbound.Fields["To"], inbound.Fields["Body"]).ShouldBe(("+13125550103", "+13125550000", "STOP"));
        inbound.Fields["MessageSid"].ShouldStartWith("SM");
        ShouldBeSigned(inbound);
        (await Json.ReadAsync(response)).At("delivered").GetBoolean().ShouldBeTrue();
    }
}
