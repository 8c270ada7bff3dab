using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Conversions.ConversionsApi;

namespace Beacon.IntegrationTests.Conversions;

/// <summary>
/// The dashboard's figures against a fixture small enough to count by hand: agents A (team South) and B, leads
/// L1 zillow/A closed, L2 zillow/A contacted, L3 website/B new, L4 website/B appointment then lost.
/// </summary>
public sealed class ReportFiguresTests(BeaconApp app)
{
    [Fact]
    public async Task Funnel_breakdowns_cohorts_leaderboard_and_roi_match_the_hand_counted_fixture()
    {
        var f = await FixtureAsync();
        var deal = (await Poller.UntilAsync(() => DealsAsync(f.Owner.Client, f.L1), d => d.Count == 1, because: "closing L1 records its deal")).Single();
        await (await f.Owner.Client.PatchAsJsonAsync($"/api/v1/conversions/{deal.GetProperty("id").GetGuid()}",
            new { priceCents = 500_000_00L, commissionCents = 15_000_00L })).EnsureSuccessAsync();
        var month = TimeProvider.System.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await (await f.Owner.Client.PutAsJsonAsync("/api/v1/reports/conversions/spend", new { source = "zillow", month, amountCents = 1_000_00L }))
            .EnsureSuccessAsync();

        var r = await ReportWhenAsync(f.Owner.Client, x => Step(x, "appointment") == 2 && Step(x, "closed") == 1
            && x.GetProperty("speedToLead").GetProperty("touched").GetInt64() == 1
            && x.GetProperty("leaderboard").EnumerateArray().Any(l => l.GetProperty("commissionCents").GetInt64() == 15_000_00L));

        long[] expected = [4, 3, 2, 2, 1, 1, 1, 1, 1];
        r.GetProperty("funnel").EnumerateArray().Select(s => s.GetProperty("leads").GetInt64()).ShouldBe(expected);
        r.GetProperty("funnel").EnumerateArray().Select(s => s.GetProperty("rate").ValueKind == JsonValueKind.Null ? -1 : s.GetProperty("rate").GetDouble())
            .ShouldBe([-1, 0.75, 0.6667, 1, 0.5, 1, 1, 1, 1]);
        Breakdown(r, "bySource").ShouldBe(Expected("zillow 2/1", "website 2/0"));
        Breakdown(r, "byAgent").ShouldBe(Expected($"{f.A} 2/1", $"{f.B} 2/0"));
        Breakdown(r, "byTeam").ShouldBe(Expected($"{f.Team} 2/1"));
        var cohort = r.GetProperty("cohorts").EnumerateArray().Single();
        cohort.GetProperty("leads").GetInt64().ShouldBe(4);
        cohort.GetProperty("reached").EnumerateArray().Select(x => x.GetInt64()).ShouldBe(expected);
        DateOnly.Parse(cohort.GetProperty("week").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek.ShouldBe(DayOfWeek.Monday);
        var top = r.GetProperty("leaderboard")[0];
        top.GetProperty("agentId").GetGuid().ShouldBe(f.A);
        (top.GetProperty("closedDeals").GetInt64(), top.GetProperty("volumeCents").GetInt64(), top.GetProperty("rate").GetDouble())
            .ShouldBe((1L, 500_000_00L, 0.5));
        var zillow = r.GetProperty("roi").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "zillow");
        zillow.GetProperty("spendCents").GetInt64().ShouldBe(1_000_00L);
        zillow.GetProperty("costPerLeadCents").GetInt64().ShouldBe(500_00L);
        zillow.GetProperty("costPerConversionCents").GetInt64().ShouldBe(1_000_00L);
        zillow.GetProperty("roi").GetDouble().ShouldBe(14.0, "(15,000 − 1,000) ÷ 1,000");
        var speed = r.GetProperty("speedToLead");
        (speed.GetProperty("leads").GetInt64(), speed.GetProperty("touched").GetInt64()).ShouldBe((4L, 1L), "only L2 had a call");
        speed.GetProperty("buckets")[0].GetProperty("leads").GetInt64().ShouldBe(1);

        // The deal carries its lead's source and agent (ADR 0032 addendum): reassigning the lead after the close moves
        // its commission to the new agent's ROI, as the facts' own agent does.
        Commission(await ReportAsync(f.Owner.Client, $"agent={f.A}"), "zillow").ShouldBe(15_000_00L);
        await (await f.Owner.Client.PatchAsJsonAsync($"/api/v1/leads/{f.L1}", new { assignedAgentId = f.B })).EnsureSuccessAsync();
        await ReportWhenAsync(f.Owner.Client, x => Commission(x, "zillow") == 15_000_00L, $"agent={f.B}", "the commission follows the lead");
        Commission(await ReportAsync(f.Owner.Client, $"agent={f.A}"), "zillow").ShouldBe(0);
    }

    private static long Commission(JsonElement report, string source) => report.GetProperty("roi").EnumerateArray()
        .Where(s => s.GetProperty("source").GetString() == source).Sum(s => s.GetProperty("commissionCents").GetInt64());

    [Fact]
    public async Task Each_role_sees_the_figures_of_exactly_the_leads_it_may_see()
    {
        var f = await FixtureAsync();
        var (_, leadClient) = await LeadsApi.AddMemberAsync(app, f.Owner, "team_lead", f.Team);
        await ReportWhenAsync(f.Owner.Client, x => Step(x, "appointment") == 2);

        Step(await ReportAsync(f.AClient), "new").ShouldBe(2);
        Breakdown(await ReportAsync(f.AClient), "byAgent").ShouldBe([$"{f.A} 2/1"]);
        var b = await ReportAsync(f.BClient);
        (Step(b, "new"), Step(b, "closed")).ShouldBe((2L, 0L));
        var teamLead = await ReportAsync(leadClient);
        (Step(teamLead, "new"), Step(teamLead, "closed")).ShouldBe((2L, 1L), "the team lead sees agent A's leads, not B's");
        var filtered = await ReportAsync(f.Owner.Client, $"agent={f.B}");
        Step(filtered, "new").ShouldBe(2);
        Step(await ReportAsync(f.Owner.Client, "source=zillow"), "contacted").ShouldBe(2);
    }

    [Fact]
    public async Task Time_to_convert_gives_the_median_and_upper_percentiles_of_days_to_close()
    {
        var owner = await SignupAsync(app);
        var leads = new List<Guid>();
        foreach (var i in Enumerable.Range(1, 4))
        {
            leads.Add(await LeadAsync(owner.Client, $"t{i}@example.com", agent: owner.UserId));
            await StageAsync(owner.Client, leads[^1], "closed");
        }

        await ReportWhenAsync(owner.Client, x => x.GetProperty("timeToConvert").GetProperty("converted").GetInt64() == 4);
        // The leads were made moments ago; their ages at conversion are set to 1, 2, 4 and 10 days.
        foreach (var (lead, days) in leads.Zip(new[] { 1, 2, 4, 10 }))
        {
            await app.Database.ScalarAsync<int>(
                "UPDATE conversions.lead_facts SET created_at = converted_at - make_interval(days => $3) WHERE tenant_id = $1 AND lead_id = $2 RETURNING 1",
                owner.TenantId, lead, days);
        }

        // The same figures whichever way the report reads them (ADR 0035): the kept day cells of the whole brokerage (the
        // default 30 UTC days), of one agent, of one source, and the lead facts themselves (one Chicago day covers no
        // whole UTC day, so all of it is an edge).
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(),
            TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var query in new[] { "", $"agent={owner.UserId}", "source=website", $"tz=America/Chicago&from={today}&to={today}" })
        {
            var t = (await ReportAsync(owner.Client, query)).GetProperty("timeToConvert");

            t.GetProperty("converted").GetInt64().ShouldBe(4, query);
            t.GetProperty("medianDays").GetDouble().ShouldBe(3, $"between 2 and 4 ({query})");
            t.GetProperty("p75Days").GetDouble().ShouldBe(5.5, $"4 + 0.25 × (10 − 4) ({query})");
            t.GetProperty("p90Days").GetDouble().ShouldBe(8.2, $"4 + 0.7 × (10 − 4) ({query})");
        }
    }

    [Fact]
    public async Task Speed_to_lead_counts_bands_exactly_and_takes_the_median_on_the_two_figure_grid()
    {
        var owner = await SignupAsync(app);
        var leads = new List<Guid>();
        foreach (var i in Enumerable.Range(1, 4))
        {
            leads.Add(await LeadAsync(owner.Client, $"s{i}@example.com", agent: owner.UserId));
            await (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{leads[^1]}/activities", new { type = "call", body = "Hello" })).EnsureSuccessAsync();
        }

        await LeadAsync(owner.Client, "never@example.com", agent: owner.UserId);
        await ReportWhenAsync(owner.Client, x => x.GetProperty("speedToLead").GetProperty("touched").GetInt64() == 4
            && x.GetProperty("speedToLead").GetProperty("leads").GetInt64() == 5);
        // First touches 4.98, 13.27, 34 and 1,500 minutes after creation: bands < 5 min, 5–30, 30–60 and > 1 day.
        foreach (var (lead, minutes) in leads.Zip(new[] { 4.98, 13.27, 34, 1500 }))
        {
            await app.Database.ScalarAsync<int>(
                "UPDATE conversions.lead_facts SET created_at = first_touch_at - make_interval(secs => $3) WHERE tenant_id = $1 AND lead_id = $2 RETURNING 1",
                owner.TenantId, lead, minutes * 60);
        }

        var speed = (await ReportAsync(owner.Client)).GetProperty("speedToLead");

        (speed.GetProperty("leads").GetInt64(), speed.GetProperty("touched").GetInt64()).ShouldBe((5L, 4L));
        speed.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("leads").GetInt64()).ShouldBe([1L, 1, 1, 0, 0, 1, 1],
            "4.98 stays under 5 minutes though its grid value is 5; the untouched lead is 'Not yet'");
        speed.GetProperty("medianMinutes").GetDouble().ShouldBe(23.5, "between 13 and 34 on the grid (13.27 counts as 13)");
    }

    [Fact]
    public async Task Attribution_credits_first_last_and_linear_over_the_sources_that_brought_a_converted_lead()
    {
        var owner = await SignupAsync(app);
        var single = await LeadAsync(owner.Client, "one@example.com", "zillow", owner.UserId);
        var twice = await LeadAsync(owner.Client, "two@example.com", "zillow", owner.UserId);
        await LeadsApi.CreatedAsync(owner.Client, new { email = "two@example.com", source = "open_house" });
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
            "SELECT cardinality(touch_sources)::bigint FROM conversions.lead_facts WHERE tenant_id = $1 AND lead_id = $2", owner.TenantId, twice),
            n => n == 2, because: "the merge adds a touch");
        await StageAsync(owner.Client, single, "closed");
        await StageAsync(owner.Client, twice, "closed");

        // Both conversions counted: each converted lead credits exactly one first touch (two sources appear with one).
        var r = await ReportWhenAsync(owner.Client, x => x.GetProperty("attribution").EnumerateArray().Sum(a => a.GetProperty("first").GetInt64()) == 2);

        var rows = r.GetProperty("attribution").EnumerateArray().ToDictionary(a => a.GetProperty("source").GetString()!,
            a => (a.GetProperty("first").GetInt64(), a.GetProperty("last").GetInt64(), a.GetProperty("linear").GetDouble()));
        rows["zillow"].ShouldBe((2L, 1L, 1.5));
        rows["open_house"].ShouldBe((0L, 1L, 0.5));
    }

    internal sealed record Fixture(TenantSession Owner, Guid Team, Guid A, HttpClient AClient, Guid B, HttpClient BClient, Guid L1, Guid L2);

    private async Task<Fixture> FixtureAsync()
    {
        var owner = await SignupAsync(app);
        var team = await LeadsApi.CreateTeamAsync(owner, "South");
        var (a, aClient) = await LeadsApi.AddMemberAsync(app, owner, "agent", team);
        var (b, bClient) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM conversions.agents WHERE tenant_id = $1", owner.TenantId),
            n => n == 3, because: "Conversions knows the agents");
        var l1 = await LeadAsync(owner.Client, "l1@example.com", "zillow", a);
        var l2 = await LeadAsync(owner.Client, "l2@example.com", "zillow", a);
        await LeadAsync(owner.Client, "l3@example.com", "website", b);
        var l4 = await LeadAsync(owner.Client, "l4@example.com", "website", b);
        await StageAsync(owner.Client, l1, "contacted");
        await StageAsync(owner.Client, l1, "closed");
        await StageAsync(owner.Client, l2, "contacted");
        await StageAsync(owner.Client, l4, "appointment");
        await StageAsync(owner.Client, l4, "lost");
        await (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{l2}/activities", new { type = "call", body = "Spoke about budget" })).EnsureSuccessAsync();
        return new Fixture(owner, team, a, aClient, b, bClient, l1, l2);
    }
}
