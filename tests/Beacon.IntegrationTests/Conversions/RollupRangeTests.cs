using System.Globalization;
using System.Text.Json;
using Beacon.Conversions.Rebuild;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Conversions.ConversionsApi;

namespace Beacon.IntegrationTests.Conversions;

/// <summary>
/// The coarser rollups (ADR 0032) give the figures of the lead facts counted one by one: a 400-day local range whose
/// leads sit on both sides of its edges, of UTC month and day boundaries and of a local Monday midnight, read for the
/// whole brokerage (monthly rollup, day-by-stage rows), for one agent (day-by-agent rows) and for one source (daily
/// rollup and hourly cells), west and east of UTC.
/// </summary>
public sealed class RollupRangeTests(BeaconApp app)
{
    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("Asia/Tokyo")]
    public async Task A_400_day_range_with_leads_at_its_edges_and_boundaries_gives_the_figures_of_the_lead_facts(string tz)
    {
        var owner = await SignupAsync(app);
        var (agent, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM conversions.agents WHERE tenant_id = $1", owner.TenantId),
            n => n == 2, because: "Conversions knows the agent");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tz);
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).DateTime);
        var from = to.AddDays(-399);
        var (start, end) = (Midnight(from, zone), Midnight(to.AddDays(1), zone));
        var instants = Instants(start, end, zone, from);
        var leads = new List<Guid>();
        for (var i = 0; i < instants.Count; i++)
        {
            leads.Add(await LeadAsync(owner.Client, $"e{i}@example.com", i % 3 == 0 ? "zillow" : "website",
                i % 2 == 0 ? owner.UserId : i % 4 == 1 ? agent : null));
        }

        await StageAsync(owner.Client, leads[0], "qualified");
        await StageAsync(owner.Client, leads[3], "closed");
        await StageAsync(owner.Client, leads[4], "showing");
        await StageAsync(owner.Client, leads[9], "closed");
        await ReportWhenAsync(owner.Client, r => Step(r, "new") == instants.Count && Step(r, "closed") == 2);
        await SettledAsync(app, owner.TenantId);
        await app.Database.ScalarAsync<long>("""
            WITH moved AS (UPDATE conversions.lead_facts f SET created_at = m.at FROM unnest($2::uuid[], $3::timestamptz[]) AS m(id, at)
                            WHERE f.tenant_id = $1 AND f.lead_id = m.id RETURNING 1)
            SELECT count(*) FROM moved
            """, owner.TenantId, leads.ToArray(), instants.ToArray());
        await RebuildAsync(owner.TenantId);
        var facts = await FactsAsync(owner.TenantId);
        var query = $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&tz={Uri.EscapeDataString(tz)}";

        foreach (var (filter, keep) in new (string, Func<Fact, bool>)[]
                 {
                     ("", _ => true),
                     ($"&agent={agent}", f => f.Agent == agent),
                     ("&source=zillow", f => f.Source == "zillow"),
                 })
        {
            var report = await ReportAsync(owner.Client, query + filter);
            var inRange = facts.Where(f => f.CreatedAt >= start && f.CreatedAt < end && keep(f)).ToList();
            inRange.Count.ShouldBeGreaterThan(0, $"the fixture has leads for '{filter}'");
            Cohorts(report).ShouldBe(Cohorts(inRange, zone), $"cohorts, filter '{filter}'");
            Funnel(report).ShouldBe(string.Join(' ', Enumerable.Range(0, 9).Select(rank => inRange.Count(f => f.Furthest >= rank))), $"funnel '{filter}'");
            Breakdown(report, "bySource").ShouldBe(Expected([.. inRange.GroupBy(f => f.Source).Select(Row)]), $"by source '{filter}'");
            Breakdown(report, "byAgent").ShouldBe(Expected([.. inRange.GroupBy(f => (f.Agent ?? Guid.Empty).ToString()).Select(Row)]), $"by agent '{filter}'");
        }

        facts.Count(f => f.CreatedAt < start || f.CreatedAt >= end).ShouldBe(2, "two leads lie just outside the range");
    }

    /// <summary>The range's first and last hours and the hours just outside, both sides of UTC month and day starts and of a local Monday midnight.</summary>
    private static List<DateTime> Instants(DateTime start, DateTime end, TimeZoneInfo zone, DateOnly from)
    {
        var month = new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(2);
        var lastMonth = new DateTime(end.Year, end.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var day = start.Date.AddDays(100);
        var localMonday = from.AddDays(200);
        while (localMonday.DayOfWeek != DayOfWeek.Monday)
        {
            localMonday = localMonday.AddDays(1);
        }

        var monday = Midnight(localMonday, zone);
        return [start, start.AddHours(-1), start.AddHours(5), start.AddHours(24), end.AddHours(-1), end, end.AddHours(-30),
            month.AddHours(-1), month, month.AddDays(12).AddHours(7), day.AddHours(-1), day, monday.AddHours(-1), monday,
            lastMonth.AddHours(-1), lastMonth];
    }

    private static DateTime Midnight(DateOnly date, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), zone);

    private static string Row(IGrouping<string, Fact> g) => $"{g.Key} {g.Count()}/{g.Count(f => f.Furthest >= 8)}";

    private static string Funnel(JsonElement report) =>
        string.Join(' ', report.GetProperty("funnel").EnumerateArray().Select(s => s.GetProperty("leads").GetInt64()));

    private static string Cohorts(JsonElement report) => string.Join(' ', report.GetProperty("cohorts").EnumerateArray().Select(c =>
        $"{c.GetProperty("week").GetString()}={c.GetProperty("leads").GetInt64()}/{c.GetProperty("reached")[2].GetInt64()}/{c.GetProperty("reached")[8].GetInt64()}"));

    private static string Cohorts(List<Fact> facts, TimeZoneInfo zone) => string.Join(' ', facts
        .GroupBy(f => Monday(TimeZoneInfo.ConvertTimeFromUtc(f.CreatedAt, zone))).OrderBy(g => g.Key)
        .Select(g => $"{g.Key:yyyy-MM-dd}={g.Count()}/{g.Count(f => f.Furthest >= 2)}/{g.Count(f => f.Furthest >= 8)}"));

    private static DateOnly Monday(DateTime local) => DateOnly.FromDateTime(local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)));

    private async Task<List<Fact>> FactsAsync(Guid tenant)
    {
        var text = await app.Database.ScalarAsync<string>("""
            SELECT string_agg(extract(epoch FROM created_at)::bigint || ' ' || source || ' ' || coalesce(agent_id::text, '-') || ' ' || furthest, ';')
              FROM conversions.lead_facts WHERE tenant_id = $1
            """, tenant);
        return [.. text!.Split(';').Select(row => row.Split(' ')).Select(p => new Fact(
            DateTime.UnixEpoch.AddSeconds(long.Parse(p[0], CultureInfo.InvariantCulture)), p[1], p[2] == "-" ? null : Guid.Parse(p[2]),
            short.Parse(p[3], CultureInfo.InvariantCulture)))];
    }

    private async Task<RebuildReport> RebuildAsync(Guid tenant)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RebuildCommand>().RebuildAsync(tenant, TestContext.Current.CancellationToken);
    }

    private sealed record Fact(DateTime CreatedAt, string Source, Guid? Agent, short Furthest);
}
