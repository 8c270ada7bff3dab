using System.Net.Http.Json;
using Beacon.Conversions.Rebuild;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Conversions.ConversionsApi;

namespace Beacon.IntegrationTests.Conversions;

/// <summary>
/// The monthly rollup, the day-by-stage and day-by-agent rows with their hourly counts (ADR 0032) and the rollups by
/// source and by agent alone (ADR 0036) are moved by the same handlers as the hourly cells, so after any mix of events
/// each is the hourly cells summed; the rebuild restores them.
/// </summary>
public sealed class CoarseRollupTests(BeaconApp app)
{
    private const string Monthly = """
        SELECT coalesce(string_agg(to_char(month AT TIME ZONE 'UTC', 'YYYY-MM') || ' ' || source || ' ' || agent_id || ' ' || furthest || '=' || leads,
                                   E'\n' ORDER BY month, source, agent_id, furthest), '')
          FROM conversions.funnel_monthly WHERE tenant_id = $1
        """;

    private const string MonthlyFromHours = """
        SELECT coalesce(string_agg(to_char(m AT TIME ZONE 'UTC', 'YYYY-MM') || ' ' || source || ' ' || agent_id || ' ' || furthest || '=' || n,
                                   E'\n' ORDER BY m, source, agent_id, furthest), '')
          FROM (SELECT date_trunc('month', hour, 'UTC') AS m, source, agent_id, furthest, sum(leads) AS n FROM conversions.funnel_hourly
                 WHERE tenant_id = $1 GROUP BY 1, 2, 3, 4) x
        """;

    /// <summary>Rows of a day table as "day [agent] stage=leads h:n,h:n" (its non-zero hours), in key order.</summary>
    private static string DayRows(string table, string agent) => $"""
        SELECT coalesce(string_agg(d, E'\n' ORDER BY d), '') FROM (
            SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || {agent} furthest || '=' || leads || ' '
                   || coalesce((SELECT string_agg((u.i - 1) || ':' || u.n, ',' ORDER BY u.i) FROM unnest(hours) WITH ORDINALITY u(n, i) WHERE u.n <> 0), '') AS d
              FROM conversions.{table} WHERE tenant_id = $1) x
        """;

    /// <summary>The same from the hourly cells.</summary>
    private static string DayRowsFromHours(string agent, string groupBy) => $"""
        SELECT coalesce(string_agg(d, E'\n' ORDER BY d), '') FROM (
            SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || {agent} furthest || '=' || sum(n) || ' '
                   || string_agg(h || ':' || n, ',' ORDER BY h) AS d
              FROM (SELECT date_trunc('day', hour, 'UTC') AS day, extract(hour FROM hour AT TIME ZONE 'UTC')::int AS h, {groupBy} furthest,
                           sum(leads) AS n
                      FROM conversions.funnel_hourly WHERE tenant_id = $1 GROUP BY 1, 2, {groupBy} furthest) x
             GROUP BY day, {groupBy} furthest) y
        """;

    /// <summary>A rollup by one side as "period side stage=leads", in key order, from its table (<paramref name="fromHours"/> false) or the hourly cells.</summary>
    private static string Sides(string table, string period, string side, bool fromHours) => $"""
        SELECT coalesce(string_agg(to_char(p AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || s || ' ' || furthest || '=' || n, E'\n' ORDER BY p, s, furthest), '')
          FROM ({(fromHours
            ? $"SELECT date_trunc('{period}', hour, 'UTC') AS p, {side}::text AS s, furthest, sum(leads) AS n FROM conversions.funnel_hourly WHERE tenant_id = $1 GROUP BY 1, 2, 3"
            : $"SELECT {period} AS p, {side}::text AS s, furthest, leads AS n FROM conversions.{table} WHERE tenant_id = $1")}) x
        """;

    [Fact]
    public async Task Monthly_and_day_rollups_equal_the_hourly_cells_summed_after_stage_changes_reassignments_deals_and_deletes_and_rebuild_restores_them()
    {
        var owner = await SignupAsync(app);
        var (a, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (b, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM conversions.agents WHERE tenant_id = $1", owner.TenantId),
            n => n == 3, because: "Conversions knows the agents");
        var l1 = await LeadAsync(owner.Client, "c1@example.com", "zillow", a);
        var l2 = await LeadAsync(owner.Client, "c2@example.com", "zillow", a);
        var l3 = await LeadAsync(owner.Client, "c3@example.com", "website");
        var l4 = await LeadAsync(owner.Client, "c4@example.com", "website", b);
        await StageAsync(owner.Client, l1, "qualified");
        await StageAsync(owner.Client, l1, "closed");
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{l2}", new { assignedAgentId = b })).EnsureSuccessAsync();
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{l3}", new { assignedAgentId = a })).EnsureSuccessAsync();
        await StageAsync(owner.Client, l3, "showing");
        await StageAsync(owner.Client, l4, "appointment");
        await DealAsync(owner.Client, new { leadId = l2, stage = "offer", currency = "USD" });
        await (await owner.Client.DeleteAsync($"/api/v1/leads/{l4}")).EnsureSuccessAsync();
        await ReportWhenAsync(owner.Client, r => Step(r, "new") == 3 && Step(r, "showing") == 3 && Step(r, "offer") == 2 && Step(r, "closed") == 1);
        await SettledAsync(app, owner.TenantId);
        var tables = await SnapshotAsync(owner.TenantId);

        tables.Monthly.ShouldNotBeNullOrEmpty();
        tables.MonthSources.ShouldContain(" website ");
        tables.MonthAgents.ShouldContain($" {a} ");
        tables.DaySources.ShouldContain(" zillow ");
        tables.ShouldBe(await FromHoursAsync(owner.TenantId), "each rollup is the hourly cells summed, emptied rows removed");
        (await app.Database.ScalarAsync<long>("SELECT coalesce(sum(leads), 0)::bigint FROM conversions.funnel_day_stages WHERE tenant_id = $1", owner.TenantId))
            .ShouldBe(3, "each live lead counts once; the deleted one not at all");

        await app.Database.ScalarAsync<long>("""
            WITH m AS (UPDATE conversions.funnel_monthly SET leads = leads + 2 WHERE tenant_id = $1 AND source = 'zillow' RETURNING 1),
                 s AS (DELETE FROM conversions.funnel_day_stages WHERE tenant_id = $1 AND furthest = 8 RETURNING 1),
                 a AS (UPDATE conversions.funnel_day_agents SET hours[3] = hours[3] + 1 WHERE tenant_id = $1 RETURNING 1),
                 g AS (INSERT INTO conversions.funnel_monthly VALUES ($1, '2020-01-01 00:00Z', 'ghost', '00000000-0000-0000-0000-000000000000', 3, 7) RETURNING 1),
                 ms AS (UPDATE conversions.funnel_month_sources SET leads = leads + 1 WHERE tenant_id = $1 AND source = 'website' RETURNING 1),
                 ma AS (DELETE FROM conversions.funnel_month_agents WHERE tenant_id = $1 AND furthest = 8 RETURNING 1),
                 ds AS (INSERT INTO conversions.funnel_day_sources VALUES ($1, '2020-01-01 00:00Z', 'ghost', 0, 4) RETURNING 1)
            SELECT (SELECT count(*) FROM m) + (SELECT count(*) FROM s) + (SELECT count(*) FROM a) + (SELECT count(*) FROM g)
                 + (SELECT count(*) FROM ms) + (SELECT count(*) FROM ma) + (SELECT count(*) FROM ds)
            """, owner.TenantId);
        var first = await RebuildAsync(owner.TenantId);
        var second = await RebuildAsync(owner.TenantId);

        (await SnapshotAsync(owner.TenantId)).ShouldBe(tables);
        first.Corrected.ShouldBeGreaterThanOrEqualTo(7, "the miscounted, missing and ghost rows");
        second.Corrected.ShouldBe(0, "a second run finds nothing to correct");
    }

    private async Task<Tables> SnapshotAsync(Guid tenant) => new(
        (await app.Database.ScalarAsync<string>(Monthly, tenant))!,
        (await app.Database.ScalarAsync<string>(DayRows("funnel_day_stages", ""), tenant))!,
        (await app.Database.ScalarAsync<string>(DayRows("funnel_day_agents", "agent_id || ' ' ||"), tenant))!,
        (await app.Database.ScalarAsync<string>(Sides("funnel_month_sources", "month", "source", false), tenant))!,
        (await app.Database.ScalarAsync<string>(Sides("funnel_month_agents", "month", "agent_id", false), tenant))!,
        (await app.Database.ScalarAsync<string>(Sides("funnel_day_sources", "day", "source", false), tenant))!);

    private async Task<Tables> FromHoursAsync(Guid tenant) => new(
        (await app.Database.ScalarAsync<string>(MonthlyFromHours, tenant))!,
        (await app.Database.ScalarAsync<string>(DayRowsFromHours("", ""), tenant))!,
        (await app.Database.ScalarAsync<string>(DayRowsFromHours("agent_id || ' ' ||", "agent_id,"), tenant))!,
        (await app.Database.ScalarAsync<string>(Sides("", "month", "source", true), tenant))!,
        (await app.Database.ScalarAsync<string>(Sides("", "month", "agent_id", true), tenant))!,
        (await app.Database.ScalarAsync<string>(Sides("", "day", "source", true), tenant))!);

    private async Task<RebuildReport> RebuildAsync(Guid tenant)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RebuildCommand>().RebuildAsync(tenant, TestContext.Current.CancellationToken);
    }

    private sealed record Tables(string Monthly, string DayStages, string DayAgents, string MonthSources, string MonthAgents, string DaySources);
}
