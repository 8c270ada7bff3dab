using System.Net.Http.Json;
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
/// The daily rollup of the funnel cells (ADR 0031): moved by the same handlers as the hourly cells, so after any mix of
/// events it is the hourly cells summed per UTC day; rebuilt with them; and a report that reads whole days from it and
/// the edge hours from the hourly cells gives the figures the lead facts give when counted one by one.
/// </summary>
public sealed class FunnelRollupTests(BeaconApp app)
{
    private const string HourlySummed = """
        SELECT coalesce(string_agg(d, E'\n' ORDER BY d), '') FROM (
            SELECT to_char(date_trunc('day', hour, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || source || ' ' || agent_id || ' '
                   || furthest || '=' || sum(leads) AS d
              FROM conversions.funnel_hourly WHERE tenant_id = $1 GROUP BY date_trunc('day', hour, 'UTC'), source, agent_id, furthest) x
        """;

    private const string Daily = """
        SELECT coalesce(string_agg(d, E'\n' ORDER BY d), '') FROM (
            SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || source || ' ' || agent_id || ' ' || furthest || '=' || leads AS d
              FROM conversions.funnel_daily WHERE tenant_id = $1) x
        """;

    [Fact]
    public async Task Daily_rollup_equals_the_hourly_cells_summed_after_stage_changes_reassignments_deals_and_deletes_and_rebuild_restores_it()
    {
        var owner = await SignupAsync(app);
        var (a, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (b, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM conversions.agents WHERE tenant_id = $1", owner.TenantId),
            n => n == 3, because: "Conversions knows the agents");
        var l1 = await LeadAsync(owner.Client, "d1@example.com", "zillow", a);
        var l2 = await LeadAsync(owner.Client, "d2@example.com", "zillow", a);
        var l3 = await LeadAsync(owner.Client, "d3@example.com", "website");
        var l4 = await LeadAsync(owner.Client, "d4@example.com", "website", b);
        await StageAsync(owner.Client, l1, "qualified");
        await StageAsync(owner.Client, l1, "closed");
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{l2}", new { assignedAgentId = b })).EnsureSuccessAsync();
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{l3}", new { assignedAgentId = a })).EnsureSuccessAsync();
        await StageAsync(owner.Client, l3, "showing");
        await StageAsync(owner.Client, l4, "appointment");
        await StageAsync(owner.Client, l4, "lost");
        await DealAsync(owner.Client, new { leadId = l2, stage = "offer", currency = "USD" });
        await (await owner.Client.DeleteAsync($"/api/v1/leads/{l4}")).EnsureSuccessAsync();
        await ReportWhenAsync(owner.Client, r => Step(r, "new") == 3 && Step(r, "showing") == 3 && Step(r, "offer") == 2 && Step(r, "closed") == 1);
        await SettledAsync(app, owner.TenantId);

        var daily = await app.Database.ScalarAsync<string>(Daily, owner.TenantId);
        daily.ShouldNotBeNullOrEmpty();
        daily.ShouldBe(await app.Database.ScalarAsync<string>(HourlySummed, owner.TenantId));
        (await app.Database.ScalarAsync<long>("SELECT coalesce(sum(leads), 0)::bigint FROM conversions.funnel_daily WHERE tenant_id = $1", owner.TenantId))
            .ShouldBe(3, "each live lead counts once; the deleted one not at all");

        await app.Database.ScalarAsync<long>("""
            WITH gone AS (DELETE FROM conversions.funnel_daily WHERE tenant_id = $1 AND source = 'website' RETURNING 1),
                 wrong AS (UPDATE conversions.funnel_daily SET leads = leads + 2 WHERE tenant_id = $1 AND source = 'zillow' RETURNING 1),
                 ghost AS (INSERT INTO conversions.funnel_daily VALUES ($1, '2020-01-06 00:00Z', 'ghost', '00000000-0000-0000-0000-000000000000', 3, 7) RETURNING 1)
            SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM wrong) + (SELECT count(*) FROM ghost)
            """, owner.TenantId);
        var first = await RebuildAsync(owner.TenantId);
        var second = await RebuildAsync(owner.TenantId);

        (await app.Database.ScalarAsync<string>(Daily, owner.TenantId)).ShouldBe(daily);
        first.Corrected.ShouldBeGreaterThanOrEqualTo(4, "the missing, the two miscounted and the ghost day rows");
        second.Corrected.ShouldBe(0, "a second run finds nothing to correct");
    }

    [Fact]
    public async Task A_local_range_over_many_weeks_gives_the_figures_of_the_lead_facts_counted_one_by_one()
    {
        var owner = await SignupAsync(app);
        var leads = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            leads.Add(await LeadAsync(owner.Client, $"w{i}@example.com", i % 3 == 0 ? "zillow" : "website", i % 2 == 0 ? owner.UserId : null));
        }

        await StageAsync(owner.Client, leads[0], "qualified");
        await StageAsync(owner.Client, leads[3], "closed");
        await ReportWhenAsync(owner.Client, r => Step(r, "new") == 12 && Step(r, "qualified") == 2 && Step(r, "closed") == 1);
        await SettledAsync(app, owner.TenantId);
        // Spread the leads over eight weeks, at hours that fall on both sides of Los Angeles' midnight and of its
        // Monday midnight (08:00 UTC in winter, 07:00 in summer), then let the rebuild recount both cell tables.
        await app.Database.ScalarAsync<long>("""
            WITH moved AS (UPDATE conversions.lead_facts f SET created_at = now() - make_interval(days => 5 * o.n, hours => 3 + 7 * o.n)
                             FROM (SELECT lead_id, row_number() OVER (ORDER BY lead_id)::int AS n FROM conversions.lead_facts
                                    WHERE tenant_id = $1) o
                            WHERE f.tenant_id = $1 AND f.lead_id = o.lead_id RETURNING 1)
            SELECT count(*) FROM moved
            """, owner.TenantId);
        await RebuildAsync(owner.TenantId);
        var zone = "America/Los_Angeles";
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        var from = today.AddDays(-49);
        var query = $"from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&tz={Uri.EscapeDataString(zone)}";

        var report = await ReportAsync(owner.Client, query);

        var counted = await app.Database.ScalarAsync<string>("""
            SELECT coalesce(string_agg(w, ' ' ORDER BY w), '') FROM (
                SELECT to_char(week, 'YYYY-MM-DD') || '=' || count(*) || '/' || count(*) FILTER (WHERE furthest >= 2)
                       || '/' || count(*) FILTER (WHERE furthest >= 8) AS w
                  FROM (SELECT date_trunc('week', date_trunc('hour', created_at, 'UTC') AT TIME ZONE $3) AS week, furthest
                          FROM conversions.lead_facts
                         WHERE tenant_id = $1 AND date_trunc('hour', created_at, 'UTC') >= ($2::date)::timestamp AT TIME ZONE $3) f
                 GROUP BY week) x
            """, owner.TenantId, from.ToDateTime(TimeOnly.MinValue), zone);
        var cohorts = string.Join(' ', report.GetProperty("cohorts").EnumerateArray().Select(c =>
            $"{c.GetProperty("week").GetString()}={c.GetProperty("leads").GetInt64()}/{Reached(c, 2)}/{Reached(c, 8)}"));
        counted!.Split(' ').Length.ShouldBeGreaterThan(4, "the fixture spans many local weeks");
        cohorts.ShouldBe(counted);
        Step(report, "new").ShouldBe(report.GetProperty("cohorts").EnumerateArray().Sum(c => c.GetProperty("leads").GetInt64()));
    }

    private static long Reached(JsonElement cohort, int rank) => cohort.GetProperty("reached")[rank].GetInt64();

    private async Task<RebuildReport> RebuildAsync(Guid tenant)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RebuildCommand>().RebuildAsync(tenant, TestContext.Current.CancellationToken);
    }
}
