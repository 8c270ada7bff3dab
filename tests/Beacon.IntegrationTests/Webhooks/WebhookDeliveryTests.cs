using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Webhooks;

/// <summary>Deliveries to a real local receiver through the real pipeline: signed, retried, logged, replayed, given up on.</summary>
public sealed class WebhookDeliveryTests(BeaconApp app)
{
    private static Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done, string because) =>
        Poller.UntilAsync(probe, done, TimeSpan.FromSeconds(30), because);

    [Fact]
    public async Task A_lead_update_is_delivered_signed_with_its_before_and_after_values()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await app.SignupAsync();
        var (_, secret) = await WebhooksApi.SubscribeAsync(owner.Client, receiver.Url, "lead.updated", "lead.stage_changed");
        var lead = await WebhooksApi.CaptureLeadAsync(owner.Client);

        (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { firstName = "Anna", stage = "contacted" })).EnsureSuccessStatusCode();

        var updated = (await Eventually(() => Task.FromResult(receiver.OfType("lead.updated")), r => r.Count == 1, "lead.updated arrives"))[0];
        WebhooksApi.Verifies(updated, secret, TimeProvider.System.GetUtcNow()).ShouldBeTrue("the documented verification accepts Beacon's signature");
        WebhooksApi.Verifies(updated, "whsec_not-the-secret", TimeProvider.System.GetUtcNow()).ShouldBeFalse("a wrong secret fails");
        WebhooksApi.Verifies(updated with { Body = updated.Body.Replace("Anna", "Eve", StringComparison.Ordinal) }, secret, TimeProvider.System.GetUtcNow())
            .ShouldBeFalse("a forged body fails");

        var envelope = JsonDocument.Parse(updated.Body).RootElement;
        envelope.GetProperty("id").GetString().ShouldBe(updated.Id, "the envelope's id is the delivery id of the header");
        envelope.GetProperty("type").GetString().ShouldBe("lead.updated");
        envelope.GetProperty("tenant").GetGuid().ShouldBe(owner.TenantId);
        var changes = envelope.GetProperty("data").GetProperty("changes").EnumerateArray()
            .ToDictionary(c => c.GetProperty("field").GetString()!, c => (Before: c.GetProperty("before").ToString(), After: c.GetProperty("after").ToString()));
        changes["firstName"].ShouldBe(("Ann", "Anna"));
        changes["stage"].ShouldBe(("new", "contacted"));

        var stage = (await Eventually(() => Task.FromResult(receiver.OfType("lead.stage_changed")), r => r.Count == 1, "lead.stage_changed arrives"))[0];
        var data = JsonDocument.Parse(stage.Body).RootElement.GetProperty("data");
        (data.GetProperty("from").GetString(), data.GetProperty("to").GetString()).ShouldBe(("new", "contacted"));
        receiver.OfType("lead.converted").ShouldBeEmpty("not subscribed, and not closed");
    }

    [Fact]
    public async Task A_stage_change_to_closed_is_delivered_as_lead_converted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await app.SignupAsync();
        await WebhooksApi.SubscribeAsync(owner.Client, receiver.Url, "lead.converted");
        var lead = await WebhooksApi.CaptureLeadAsync(owner.Client);

        (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { stage = "closed" })).EnsureSuccessStatusCode();

        var converted = (await Eventually(() => Task.FromResult(receiver.OfType("lead.converted")), r => r.Count == 1, "lead.converted arrives"))[0];
        JsonDocument.Parse(converted.Body).RootElement.GetProperty("data").GetProperty("leadId").GetGuid().ShouldBe(lead);
        receiver.Received.Count.ShouldBe(1, "only the subscribed type is sent");
    }

    [Fact]
    public async Task A_receiver_answering_500_is_retried_with_the_same_id_and_body_until_it_succeeds()
    {
        await using var receiver = await WebhookReceiver.StartAsync([500, 503]);
        var owner = await app.SignupAsync();
        var (id, _) = await WebhooksApi.SubscribeAsync(owner.Client, receiver.Url, "lead.created");

        await WebhooksApi.CaptureLeadAsync(owner.Client);

        var delivery = (await Eventually(() => WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}/deliveries"),
            d => d.GetArrayLength() == 1 && d[0].GetProperty("status").GetString() == "succeeded", "the third attempt succeeds"))[0];
        delivery.GetProperty("attempts").GetInt32().ShouldBe(3);
        var log = await WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}/deliveries/{delivery.GetProperty("id").GetGuid()}");
        log.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).ShouldBe([500, 503, 200]);
        log.GetProperty("attemptLog")[0].GetProperty("responseSnippet").GetString().ShouldBe("receiver says 500");
        receiver.Received.Select(r => (r.Id, r.Body)).Distinct().Count().ShouldBe(1, "every retry is the same delivery");
        (await WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}")).GetProperty("consecutiveFailures").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_logged_as_a_timeout_and_tried_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync([WebhookReceiver.Hang]);
        var owner = await app.SignupAsync();
        var (id, _) = await WebhooksApi.SubscribeAsync(owner.Client, receiver.Url, "lead.created");

        var ping = await (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/ping", null)).Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);

        var log = await Eventually(() => WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}/deliveries/{ping.GetProperty("deliveryId").GetGuid()}"),
            d => d.GetProperty("delivery").GetProperty("status").GetString() == "succeeded", "the second attempt succeeds");
        var attempts = log.GetProperty("attemptLog");
        attempts[0].GetProperty("statusCode").ValueKind.ShouldBe(JsonValueKind.Null);
        attempts[0].GetProperty("error").GetString().ShouldBe("No answer within 1.5 s.");
        attempts[1].GetProperty("statusCode").GetInt32().ShouldBe(200);
    }

    [Fact]
    public async Task After_four_failures_in_a_row_the_subscription_is_disabled_and_the_owner_is_emailed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(thenStatus: 500);
        var owner = await app.SignupAsync();
        var (id, _) = await WebhooksApi.SubscribeAsync(owner.Client, receiver.Url, "lead.created");
        await Eventually(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM webhooks.recipients WHERE tenant_id = $1", owner.TenantId),
            n => n == 1, "webhooks learns who the owner is");

        (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/ping", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var disabled = await Eventually(() => WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}"),
            s => !s.GetProperty("active").GetBoolean(), "the subscription is disabled");
        disabled.GetProperty("disabledReason").GetString()!.ShouldContain("HTTP 500");
        var notice = (await SmtpSink.Shared.WaitForAsync(owner.Email, count: 2)).Single(m => m.Subject == "A Beacon webhook was disabled");
        notice.TextBody!.ShouldContain(receiver.Url);
        var delivery = (await WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}/deliveries"))[0];
        delivery.GetProperty("status").GetString().ShouldBe("failed");
        delivery.GetProperty("attempts").GetInt32().ShouldBe(4, "no attempt after the subscription was disabled");

        (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/ping", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var enabled = await owner.Client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { active = true });
        var body = await enabled.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        (body.GetProperty("active").GetBoolean(), body.GetProperty("consecutiveFailures").GetInt32()).ShouldBe((true, 0));
        body.GetProperty("disabledReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_replay_resends_the_same_body_and_id_newly_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await app.SignupAsync();
        var (id, secret) = await WebhooksApi.SubscribeAsync(owner.Client, receiver.Url, "lead.created");
        var ping = await (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/ping", null)).Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        var deliveryId = ping.GetProperty("deliveryId").GetGuid();
        await Eventually(() => Task.FromResult(receiver.Received.Count), n => n == 1, "the ping arrives");
        await Eventually(() => WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}/deliveries/{deliveryId}"),
            d => d.GetProperty("delivery").GetProperty("status").GetString() == "succeeded", "the ping is logged as delivered");

        (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await Eventually(() => Task.FromResult(receiver.Received.Count), n => n == 2, "the replay arrives");
        var (first, second) = (receiver.Received.First(), receiver.Received.Last());
        (second.Id, second.Body).ShouldBe((first.Id, first.Body));
        second.Id.ShouldBe(deliveryId.ToString());
        WebhooksApi.Verifies(second, secret, TimeProvider.System.GetUtcNow()).ShouldBeTrue();
        var log = await Eventually(() => WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}/deliveries/{deliveryId}"),
            d => d.GetProperty("attemptLog").GetArrayLength() == 2, "the replay is logged");
        log.GetProperty("attemptLog")[1].GetProperty("replay").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task After_a_rotation_both_the_new_and_the_old_secret_sign_during_the_grace_period()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await app.SignupAsync();
        var (id, oldSecret) = await WebhooksApi.SubscribeAsync(owner.Client, receiver.Url, "lead.created");
        var rotated = await (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null)).Content
            .ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        var newSecret = rotated.GetProperty("secret").GetString()!;
        newSecret.ShouldNotBe(oldSecret);
        rotated.GetProperty("subscription").GetProperty("previousSecretExpiresAt").ValueKind.ShouldBe(JsonValueKind.String);

        (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/ping", null)).EnsureSuccessStatusCode();

        var hook = (await Eventually(() => Task.FromResult(receiver.Received.ToList()), r => r.Count == 1, "the ping arrives"))[0];
        hook.Signature.Split(", ").Length.ShouldBe(2);
        WebhooksApi.Verifies(hook, newSecret, TimeProvider.System.GetUtcNow()).ShouldBeTrue();
        WebhooksApi.Verifies(hook, oldSecret, TimeProvider.System.GetUtcNow()).ShouldBeTrue();
        WebhooksApi.Verifies(hook, newSecret, TimeProvider.System.GetUtcNow().AddMinutes(6)).ShouldBeFalse("an old timestamp is refused");
    }

    [Fact]
    public async Task A_subscription_deleted_while_one_of_its_deliveries_is_in_flight_is_deleted_with_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync([WebhookReceiver.Slow]);
        var owner = await app.SignupAsync();
        var (id, _) = await WebhooksApi.SubscribeAsync(owner.Client, receiver.Url, "lead.created");
        await WebhooksApi.CaptureLeadAsync(owner.Client);
        await Eventually(() => Task.FromResult(receiver.Received.Count), n => n == 1, "the delivery reaches the receiver, which holds it");

        // The attempt holds its delivery while the receiver takes its time, then records the outcome on the
        // subscription; the delete waits for the attempt (not the other way round: that was a deadlock), then removes both.
        var deleted = await owner.Client.DeleteAsync($"/api/v1/webhooks/{id}");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent, await deleted.Content.ReadAsStringAsync());
        (await owner.Client.GetAsync($"/api/v1/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM webhooks.deliveries WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }
}
