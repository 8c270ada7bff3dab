using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Webhooks;

public sealed class WebhookSubscriptionTests(BeaconApp app)
{
    [Fact]
    public async Task The_secret_is_shown_once_at_creation_and_never_again()
    {
        var owner = await app.SignupAsync();
        var (id, secret) = await WebhooksApi.SubscribeAsync(owner.Client, "http://127.0.0.1:9/hook", "lead.created", "lead.scored");
        secret.ShouldStartWith("whsec_");

        var listed = await owner.Client.GetStringAsync("/api/v1/webhooks");
        var one = await owner.Client.GetStringAsync($"/api/v1/webhooks/{id}");
        listed.ShouldNotContain(secret);
        one.ShouldNotContain(secret);
        var shown = JsonDocument.Parse(one).RootElement;
        shown.GetProperty("secretHint").GetString().ShouldBe(secret[..10] + "…");
        shown.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).ShouldBe(["lead.created", "lead.scored"]);
    }

    [Fact]
    public async Task An_unknown_event_type_is_refused_naming_it_and_nothing_is_saved()
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.PostAsJsonAsync("/api/v1/webhooks",
            new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "lead.created", "lead.exploded" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").TryGetProperty("eventTypes[1]", out _).ShouldBeTrue(problem.ToString());
        (await WebhooksApi.GetAsync(owner.Client, "/api/v1/webhooks")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_subscription_without_event_types_is_refused_naming_the_field()
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hook", eventTypes = Array.Empty<string>() });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").TryGetProperty("eventTypes", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Another_brokerage_cannot_see_or_change_a_subscription()
    {
        var owner = await app.SignupAsync();
        var other = await app.SignupAsync();
        var (id, _) = await WebhooksApi.SubscribeAsync(owner.Client, "http://127.0.0.1:9/hook", "lead.created");

        (await other.Client.GetAsync($"/api/v1/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { active = false })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}")).GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_signing_secret_is_sealed_at_rest_and_a_rotation_seals_the_new_one_too()
    {
        var owner = await app.SignupAsync();
        var (id, secret) = await WebhooksApi.SubscribeAsync(owner.Client, "http://127.0.0.1:9/hook", "lead.created");
        var rotated = await owner.Client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("secret").GetString()!;

        var stored = await app.Database.ScalarAsync<string>(
            "SELECT secret || ' ' || previous_secret FROM webhooks.subscriptions WHERE tenant_id = $1 AND id = $2", owner.TenantId, id);

        stored.ShouldNotBeNull();
        stored.ShouldNotContain(secret[6..]);
        stored.ShouldNotContain(newSecret[6..]);
        stored.ShouldStartWith("sealed:v1:");
        (await WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}")).GetProperty("secretHint").GetString()
            .ShouldBe(newSecret[..10] + "…", "the hint follows the secret in use");
    }
}
