using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class QueryAndVisibilityTests(BeaconApp app)
{
    [Fact]
    public async Task Agents_see_their_own_leads_team_leads_their_teams_and_owners_all()
    {
        var owner = await app.SignupAsync();
        var team = await LeadsApi.CreateTeamAsync(owner, "North");
        var (lead, leadClient) = await LeadsApi.AddMemberAsync(app, owner, "team_lead", team);
        var (inTeam, inTeamClient) = await LeadsApi.AddMemberAsync(app, owner, "agent", team);
        var (outsider, outsiderClient) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var a = await LeadsApi.CreatedAsync(owner.Client, new { email = "a@example.com", assignedAgentId = inTeam });
        var b = await LeadsApi.CreatedAsync(owner.Client, new { email = "b@example.com", assignedAgentId = outsider });
        var c = await LeadsApi.CreatedAsync(owner.Client, new { email = "c@example.com", assignedAgentId = lead });

        (await Ids(owner.Client)).Count.ShouldBe(3);
        (await Ids(inTeamClient)).ShouldBe([Id(a)]);
        (await Ids(outsiderClient)).ShouldBe([Id(b)]);
        (await Ids(leadClient)).Order().ShouldBe(new[] { Id(a), Id(c) }.Order());
        (await inTeamClient.GetAsync($"/api/v1/leads/{Id(b)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await inTeamClient.GetAsync($"/api/v1/leads/{Id(a)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_tenants_lead_is_404_on_every_route()
    {
        var mine = await app.SignupAsync();
        var theirs = await app.SignupAsync();
        var id = Id(await LeadsApi.CreatedAsync(theirs.Client, new { email = "secret@example.com" }));

        (await mine.Client.GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mine.Client.PatchAsJsonAsync($"/api/v1/leads/{id}", new { firstName = "X" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mine.Client.DeleteAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mine.Client.GetAsync($"/api/v1/leads/{id}/activities")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mine.Client.PostAsJsonAsync($"/api/v1/leads/{id}/activities", new { type = "note", body = "hi" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Ids(mine.Client)).ShouldBeEmpty();
        (await LeadsApi.CaptureAsync(mine.Client, new { email = "secret@example.com" })).Response.StatusCode
            .ShouldBe(HttpStatusCode.Created, "dedupe never crosses tenants");
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_a_fresh_one_updates_with_events_and_timeline()
    {
        var owner = await app.SignupAsync();
        var id = Id(await LeadsApi.CreatedAsync(owner.Client, new { email = "etag@example.com" }));
        var get = await owner.Client.GetAsync($"/api/v1/leads/{id}");
        var etag = get.Headers.ETag!.Tag;

        var first = await Patch(owner.Client, id, etag, new { stage = "contacted", tags = new[] { "hot" } });
        var stale = await Patch(owner.Client, id, etag, new { stage = "qualified" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldNotBe(etag);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var lead = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}", ApiClient.Json);
        lead.GetProperty("stage").GetString().ShouldBe("contacted");
        (await LeadsApi.ActivitiesAsync(owner.Client, id)).ShouldContain(a => a.GetProperty("type").GetString() == "stage_change");
        var changes = await app.Database.ScalarAsync<string>(
            "SELECT payload->>'changes' FROM platform.events WHERE tenant_id = $1 AND type = 'lead.updated'", owner.TenantId);
        var stage = JsonDocument.Parse(changes!).RootElement.EnumerateArray().Single(c => c.GetProperty("field").GetString() == "stage");
        stage.GetProperty("previous").GetString().ShouldBe("\"new\"");
        stage.GetProperty("current").GetString().ShouldBe("\"contacted\"");
        (await Patch(owner.Client, id, null, new { stage = "bogus" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Soft_delete_hides_the_lead_and_frees_its_email()
    {
        var owner = await app.SignupAsync();
        var id = Id(await LeadsApi.CreatedAsync(owner.Client, new { email = "gone@example.com" }));

        (await owner.Client.DeleteAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await owner.Client.GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM leads.leads WHERE tenant_id = $1", owner.TenantId)).ShouldBe(1);
        (await LeadsApi.CaptureAsync(owner.Client, new { email = "gone@example.com" })).Response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Cursor_pagination_returns_every_row_exactly_once_while_rows_are_inserted()
    {
        var owner = await app.SignupAsync();
        var before = new HashSet<Guid>();
        for (var i = 0; i < 45; i++)
        {
            before.Add(Id(await LeadsApi.CreatedAsync(owner.Client, new { email = $"page{i}@example.com", tags = new[] { "t" } })));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var n = 0;
        do
        {
            var page = await owner.Client.GetFromJsonAsync<JsonElement>(
                $"/api/v1/leads?limit=7&tag=t{(cursor is null ? "" : "&cursor=" + cursor)}", ApiClient.Json);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(Id));
            cursor = page.GetProperty("next").GetString();
            await LeadsApi.CreatedAsync(owner.Client, new { email = $"during{n++}@example.com", tags = new[] { "t" } });
        }
        while (cursor is not null);

        seen.Count.ShouldBe(seen.Distinct().Count(), "no row twice");
        before.ShouldBeSubsetOf(seen);
    }

    [Fact]
    public async Task Filters_and_search_narrow_the_list_and_a_bad_limit_is_400()
    {
        var owner = await app.SignupAsync();
        await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Zelda", email = "z@example.com", source = "zillow", type = "seller" });
        await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Yan", phone = "916-555-0100", source = "website" });

        (await Ids(owner.Client, "source=zillow")).Count.ShouldBe(1);
        (await Ids(owner.Client, "type=seller")).Count.ShouldBe(1);
        (await Ids(owner.Client, "q=zeld")).Count.ShouldBe(1);
        (await Ids(owner.Client, "q=(916)%20555-01")).Count.ShouldBe(1);
        (await Ids(owner.Client, "stage=new")).Count.ShouldBe(2);
        (await owner.Client.GetAsync("/api/v1/leads?limit=101")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await owner.Client.GetAsync("/api/v1/leads?stage=won")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await owner.Client.GetAsync("/api/v1/leads?cursor=garbage")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Activities_are_added_and_listed_newest_first()
    {
        var owner = await app.SignupAsync();
        var id = Id(await LeadsApi.CreatedAsync(owner.Client, new { email = "tl@example.com" }));

        var note = await owner.Client.PostAsJsonAsync($"/api/v1/leads/{id}/activities", new { type = "call", body = "Left a voicemail" });
        var bad = await owner.Client.PostAsJsonAsync($"/api/v1/leads/{id}/activities", new { type = "merge", body = "forged" });

        note.StatusCode.ShouldBe(HttpStatusCode.Created);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var timeline = await LeadsApi.ActivitiesAsync(owner.Client, id);
        timeline[0].GetProperty("type").GetString().ShouldBe("call");
        timeline.Select(t => t.GetProperty("type").GetString()).ShouldContain("created");
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.activity_added'", owner.TenantId)).ShouldBe(1);
    }

    private static Guid Id(JsonElement lead) => lead.GetProperty("id").GetGuid();

    private static async Task<List<Guid>> Ids(HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?limit=100&{query}", ApiClient.Json);
        return page.GetProperty("items").EnumerateArray().Select(Id).ToList();
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, Guid id, string? etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/leads/{id}") { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return client.SendAsync(request);
    }
}
