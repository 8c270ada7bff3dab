using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Realtime;

/// <summary>The long-poll fallback returns what the socket would have, in the same cursor space.</summary>
public sealed class LongPollTests(BeaconApp app)
{
    [Fact]
    public async Task A_waiting_poll_returns_as_soon_as_a_visible_event_arrives()
    {
        var owner = await app.SignupAsync();
        var start = await LiveSocketTests.CurrentCursorAsync(owner.Client);

        var poll = owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/live/events?after={start}&wait=20");
        var lead = await LiveSocketTests.CreateLeadAsync(owner.Client);
        var body = await poll;

        var events = body.GetProperty("events").EnumerateArray().ToList();
        events.ShouldNotBeEmpty();
        events.Select(e => e.GetProperty("type").GetString()).ShouldContain("lead.created");
        events.First(e => e.GetProperty("type").GetString() == "lead.created").GetProperty("data").GetProperty("leadId").GetGuid().ShouldBe(lead);
        long.Parse(body.GetProperty("cursor").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(events.Last().GetProperty("cursor").GetInt64());
    }

    [Fact]
    public async Task Cursor_0_is_before_the_first_event_and_not_a_request_for_the_current_cursor()
    {
        // A new tenant's stream starts empty, at cursor 0: a client polling after 0 must get the first events.
        var owner = await app.SignupAsync();
        var lead = await LiveSocketTests.CreateLeadAsync(owner.Client);
        await Poller.UntilAsync(() => LiveSocketTests.CurrentCursorAsync(owner.Client), c => c > 0, because: "the stream advances");

        var body = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/live/events?after=0&wait=5");

        var created = body.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "lead.created");
        created.Select(e => e.GetProperty("data").GetProperty("leadId").GetGuid()).ShouldContain(lead);
    }

    [Fact]
    public async Task A_poll_with_nothing_new_answers_empty_after_its_wait()
    {
        var owner = await app.SignupAsync();
        // What the signup set off (its handlers' own events) is done and streamed first: on a busy queue it came after
        // the cursor was read and was "new" (2 events instead of 0, once in a full run).
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND run_at <= now())
                 + (SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND streamed_at IS NULL)
            """, owner.TenantId), n => n == 0, because: "the signup's work is done and streamed");
        var start = await LiveSocketTests.CurrentCursorAsync(owner.Client);
        var body = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/live/events?after={start}&wait=1");
        body.GetProperty("events").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=1&wait=31", "wait")]
    public async Task Bad_parameters_are_named(string query, string field)
    {
        var owner = await app.SignupAsync();
        var response = await owner.Client.GetAsync($"/api/v1/live/events?{query}");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }
}
