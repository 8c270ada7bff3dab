using Beacon.Conversions;
using Beacon.Conversions.Rebuild;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Conversions.ConversionsApi;

namespace Beacon.IntegrationTests.Conversions;

/// <summary>
/// <c>beacon conversions rebuild</c>: after the incremental path has kept the cells, they are deleted, miscounted and
/// joined by cells no lead backs, a lead's facts are lost and facts of a lead Leads never had appear; the rebuild
/// brings back exactly the cells (and so the figures) the event handlers had produced, and a second run changes nothing.
/// </summary>
public sealed class RebuildTests(BeaconApp app)
{
    private const string Cells = """
        SELECT coalesce(string_agg(to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24') || ' ' || source || ' ' || agent_id || ' ' || furthest
                                   || '=' || leads, E'\n' ORDER BY hour, source, agent_id, furthest), '')
          FROM conversions.funnel_hourly WHERE tenant_id = $1
        """;

    private const string TimingCells = """
        SELECT coalesce(string_agg(metric::text || ' ' || span::text || ' ' || dim::text || ' ' || to_char(period AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' '
                                   || agent_id || ' ' || source || ' ' || band || ' ' || value || '=' || leads, E'\n'
                                   ORDER BY metric, span, dim, period, agent_id, source, band, value), '')
          FROM conversions.timing_cells WHERE tenant_id = $1 AND leads <> 0
        """;

    [Fact]
    public async Task Rebuild_restores_exactly_the_cells_the_event_handlers_kept_and_a_second_run_changes_nothing()
    {
        var owner = await SignupAsync(app);
        var team = await LeadsApi.CreateTeamAsync(owner, "North");
        var (a, _) = await LeadsApi.AddMemberAsync(app, owner, "agent", team);
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM conversions.agents WHERE tenant_id = $1", owner.TenantId),
            n => n == 2, because: "Conversions knows the agent");
        var l1 = await LeadAsync(owner.Client, "r1@example.com", "zillow", a);
        var l2 = await LeadAsync(owner.Client, "r2@example.com", "zillow", a);
        await LeadAsync(owner.Client, "r3@example.com", "website");
        var l4 = await LeadAsync(owner.Client, "r4@example.com", "website", owner.UserId);
        await StageAsync(owner.Client, l1, "contacted");
        await StageAsync(owner.Client, l1, "closed");
        await StageAsync(owner.Client, l2, "qualified");
        await StageAsync(owner.Client, l4, "appointment");
        await StageAsync(owner.Client, l4, "lost"); // appointment stays reached: only the event said so
        var incremental = await ReportWhenAsync(owner.Client, r => Step(r, "new") == 4 && Step(r, "contacted") == 3 && Step(r, "qualified") == 3
                                                                 && Step(r, "appointment") == 2 && Step(r, "closed") == 1);
        await SettledAsync(app, owner.TenantId);
        var settled = await ReportAsync(owner.Client); // the deal the closed stage records is in by now
        var kept = await app.Database.ScalarAsync<string>(Cells, owner.TenantId);
        kept.ShouldNotBeNullOrEmpty();
        var keptTiming = await app.Database.ScalarAsync<string>(TimingCells, owner.TenantId);
        keptTiming.ShouldNotBeNull().ShouldContain("c d b", customMessage: "the closed lead counts in time to convert");

        await CorruptAsync(owner.TenantId, l2);
        (await app.Database.ScalarAsync<string>(Cells, owner.TenantId)).ShouldNotBe(kept);

        var first = await RebuildAsync(owner.TenantId);
        var second = await RebuildAsync(owner.TenantId);

        (await app.Database.ScalarAsync<string>(Cells, owner.TenantId)).ShouldBe(kept);
        (first.Leads, first.FactsRemoved).ShouldBe((4L, 1L), "every live lead refreshed, the stray facts removed");
        first.Corrected.ShouldBeGreaterThan(0);
        (second.FactsRemoved, second.Corrected).ShouldBe((0L, 0L), "a second run finds nothing to correct");
        (await app.Database.ScalarAsync<string>(TimingCells, owner.TenantId)).ShouldBe(keptTiming);
        first.TimingCorrected.ShouldBe(3, "the miscounted timing cell, the attribution cell no lead backs and the deal day's sums");
        second.TimingCorrected.ShouldBe(0);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversions.lead_facts WHERE tenant_id = $1 AND lead_id = $2", owner.TenantId, l2))
            .ShouldBe(1, "the lost facts are back, from Leads");
        var rebuilt = await ReportAsync(owner.Client);
        rebuilt.GetProperty("funnel").ToString().ShouldBe(incremental.GetProperty("funnel").ToString());
        Breakdown(rebuilt, "bySource").ShouldBe(Breakdown(incremental, "bySource"));
        Breakdown(rebuilt, "byAgent").ShouldBe(Breakdown(incremental, "byAgent"));
        rebuilt.GetProperty("leaderboard").ToString().ShouldBe(settled.GetProperty("leaderboard").ToString());
        rebuilt.GetProperty("timeToConvert").ToString().ShouldBe(settled.GetProperty("timeToConvert").ToString());
    }

    [Fact]
    public async Task Rebuild_with_a_malformed_tenant_id_exits_2_and_changes_nothing()
    {
        var owner = await SignupAsync(app);
        await LeadAsync(owner.Client, "m1@example.com", "zillow", owner.UserId);
        await ReportWhenAsync(owner.Client, r => Step(r, "new") == 1);
        await app.Database.ScalarAsync<int>("DELETE FROM conversions.funnel_hourly WHERE tenant_id = $1 RETURNING 1", owner.TenantId);
        using var output = new StringWriter();

        var exit = await ConversionsModule.RebuildCommandAsync(app.Factory.Services, ["--tenant", "not-a-guid"], output, TestContext.Current.CancellationToken);

        exit.ShouldBe(2);
        output.ToString().ShouldContain("--tenant needs a tenant id");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversions.funnel_hourly WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }

    private async Task<RebuildReport> RebuildAsync(Guid tenant)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RebuildCommand>().RebuildAsync(tenant, TestContext.Current.CancellationToken);
    }

    /// <summary>One cell gone, one miscounted, one no lead backs, one lead's facts lost, facts of a lead Leads never had.</summary>
    private async Task CorruptAsync(Guid tenant, Guid lostFacts)
    {
        await app.Database.ScalarAsync<long>("""
            WITH gone AS (DELETE FROM conversions.funnel_hourly WHERE tenant_id = $1
                            AND (hour, source, agent_id, furthest) = (SELECT hour, source, agent_id, furthest FROM conversions.funnel_hourly
                                                                       WHERE tenant_id = $1 ORDER BY source, furthest LIMIT 1) RETURNING 1),
                 wrong AS (UPDATE conversions.funnel_hourly SET leads = leads + 5 WHERE tenant_id = $1 AND source = 'zillow' RETURNING 1),
                 skew AS (UPDATE conversions.timing_cells SET leads = leads + 2 WHERE tenant_id = $1 AND metric = 'c' AND span = 'm' AND dim = 'b' RETURNING 1),
                 money AS (UPDATE conversions.deal_cells SET commission = commission + 100 WHERE tenant_id = $1 AND span = 'd' RETURNING 1),
                 phantom AS (INSERT INTO conversions.attribution_cells VALUES ($1, 'd', 'b', '2020-01-06Z', '00000000-0000-0000-0000-000000000000', '', 'ghost', 1, 1, 1) RETURNING 1),
                 ghost AS (INSERT INTO conversions.funnel_hourly VALUES ($1, '2020-01-06 10:00Z', 'ghost', '00000000-0000-0000-0000-000000000000', 3, 7) RETURNING 1),
                 lost AS (DELETE FROM conversions.lead_facts WHERE tenant_id = $1 AND lead_id = $2 RETURNING 1),
                 stray AS (INSERT INTO conversions.lead_facts (tenant_id, lead_id, created_at, source, agent_id, stage, furthest, touch_sources)
                           VALUES ($1, gen_random_uuid(), '2021-03-01 09:30Z', 'stray', NULL, 'qualified', 2, ARRAY['stray']) RETURNING 1)
            SELECT (SELECT count(*) FROM skew) + (SELECT count(*) FROM money) + (SELECT count(*) FROM phantom) + (SELECT count(*) FROM gone) + (SELECT count(*) FROM wrong) + (SELECT count(*) FROM ghost) + (SELECT count(*) FROM lost) + (SELECT count(*) FROM stray)
            """, tenant, lostFacts);
    }
}
