using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Conversions.ConversionsApi;

namespace Beacon.IntegrationTests.Conversions;

public sealed class ReportRequestTests(BeaconApp app)
{
    [Theory]
    [InlineData("from=2026-05-02&to=2026-05-01", "from")]
    [InlineData("from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("tz=Mars/Olympus_Mons", "tz")]
    [InlineData("tz=Asia/Kolkata", "tz")]
    [InlineData("agent=00000000-0000-0000-0000-000000000001", "agent")]
    [InlineData("team=00000000-0000-0000-0000-000000000001", "team")]
    [InlineData("source=nowhere", "source")]
    public async Task A_bad_range_or_an_unknown_id_is_refused_naming_the_field(string query, string field)
    {
        var owner = await SignupAsync(app);

        var response = await owner.Client.GetAsync($"/api/v1/reports/conversions?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").TryGetProperty(field, out _)
            .ShouldBeTrue();
    }

    [Fact]
    public async Task A_report_already_held_answers_304_until_a_change_moves_it()
    {
        var owner = await SignupAsync(app);
        var lead = await LeadAsync(owner.Client, "etag@example.com", agent: owner.UserId);
        await ReportWhenAsync(owner.Client, r => Step(r, "new") == 1);
        var first = await owner.Client.GetAsync("/api/v1/reports/conversions");
        var etag = first.Headers.ETag!.Tag;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/conversions");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        (await owner.Client.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        await StageAsync(owner.Client, lead, "contacted");
        await ReportWhenAsync(owner.Client, r => Step(r, "contacted") == 1);
        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/conversions");
        after.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var changed = await owner.Client.SendAsync(after);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.Tag.ShouldNotBe(etag);
    }

    [Fact]
    public async Task Every_table_exports_as_csv_and_the_funnel_csv_holds_its_counts()
    {
        var owner = await SignupAsync(app);
        var lead = await LeadAsync(owner.Client, "csv@example.com", "=HYPERLINK(1)", owner.UserId);
        await StageAsync(owner.Client, lead, "closed");
        await ReportWhenAsync(owner.Client, r => Step(r, "closed") == 1);

        var funnel = await owner.Client.GetStringAsync("/api/v1/reports/conversions/export/funnel");
        funnel.Split('\n')[0].ShouldBe("stage,leads,rate_from_previous");
        funnel.ShouldContain("closed,1,1\n");
        (await owner.Client.GetStringAsync("/api/v1/reports/conversions/export/sources")).ShouldContain("'=HYPERLINK(1)");
        foreach (var table in new[] { "agents", "teams", "cohorts", "time-to-convert", "speed-to-lead", "leaderboard", "roi", "attribution" })
        {
            var response = await owner.Client.GetAsync($"/api/v1/reports/conversions/export/{table}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, table);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        }

        (await owner.Client.GetAsync("/api/v1/reports/conversions/export/everything")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Drilling_into_a_stage_lists_the_leads_that_reached_it_with_their_names()
    {
        var owner = await SignupAsync(app);
        var closed = await LeadAsync(owner.Client, "won@example.com", agent: owner.UserId, firstName: "Wanda");
        await LeadAsync(owner.Client, "open@example.com", agent: owner.UserId, firstName: "Otto");
        await StageAsync(owner.Client, closed, "closed");
        await ReportWhenAsync(owner.Client, r => Step(r, "closed") == 1);

        var page = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports/conversions/leads?stage=closed", ApiClient.Json);

        page.GetProperty("total").GetInt64().ShouldBe(1);
        var item = page.GetProperty("items").EnumerateArray().Single();
        (item.GetProperty("leadId").GetGuid(), item.GetProperty("name").GetString()).ShouldBe((closed, "Wanda Test"));
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports/conversions/leads", ApiClient.Json)).GetProperty("total").GetInt64().ShouldBe(2);
        (await owner.Client.GetAsync("/api/v1/reports/conversions/leads?stage=won")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await owner.Client.GetAsync("/api/v1/reports/conversions/leads?week=2026-11-03")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a Tuesday");
    }

    [Fact]
    public async Task Spend_is_refused_without_a_month_or_with_a_negative_amount()
    {
        var owner = await SignupAsync(app);

        var noMonth = await owner.Client.PutAsJsonAsync("/api/v1/reports/conversions/spend", new { source = "zillow", amountCents = 100 });
        var negative = await owner.Client.PutAsJsonAsync("/api/v1/reports/conversions/spend", new { source = "zillow", month = "2026-11", amountCents = -5 });

        (await noMonth.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").TryGetProperty("month", out _).ShouldBeTrue();
        (await negative.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").TryGetProperty("amountCents", out _).ShouldBeTrue();
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/reports/conversions/spend", ApiClient.Json)).GetArrayLength().ShouldBe(0);
    }
}
