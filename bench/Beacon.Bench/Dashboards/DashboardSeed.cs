using Npgsql;

namespace Beacon.Bench.Dashboards;

/// <summary>
/// Adds N leads over the last two years to one brokerage, straight into the tables the dashboards read, in the state
/// the product would hold them: the lead (Leads), its reporting facts and its one count in the hourly funnel cells and
/// their daily rollup (Conversions, as its event handlers leave them; the facts' triggers count the timing and attribution
/// cells), a closed deal per converted lead, a score per lead and an outcome
/// per closed or lost lead (Scoring). generate_series in a few statements instead of N API calls: the benchmark
/// measures the reads, and the writes' own benchmarks are <c>leads capture</c> and <c>leads import</c>.
/// </summary>
internal static class DashboardSeed
{
    // Furthest stage reached (pipeline rank 0 new … 8 closed), cumulative shares: 6 % of leads close.
    private const string Furthest = """
        CASE WHEN r < 0.30 THEN 0 WHEN r < 0.50 THEN 1 WHEN r < 0.65 THEN 2 WHEN r < 0.75 THEN 3 WHEN r < 0.83 THEN 4
             WHEN r < 0.87 THEN 5 WHEN r < 0.91 THEN 6 WHEN r < 0.94 THEN 7 ELSE 8 END
        """;

    private static readonly string[] Steps =
    [
        // Who the leads go to: the brokerage's agents and team leads (5 % stay unassigned); sources as the brokerage has them.
        $"""
        CREATE TEMP TABLE bench_leads AS
        SELECT g, id, created_at, source, agent_id, furthest,
               CASE WHEN furthest = 8 THEN 'closed' WHEN lost THEN 'lost'
                    ELSE (ARRAY['new','contacted','qualified','appointment','showing','listing','offer','under_contract'])[furthest + 1] END AS stage,
               CASE WHEN touched THEN created_at + make_interval(mins => touch_minutes) END AS first_touch_at,
               CASE WHEN furthest = 8 THEN created_at + (now() - created_at) * convert_share END AS converted_at,
               probability
          FROM (SELECT g, gen_random_uuid() AS id, now() - make_interval(secs => random() * 730 * 86400) AS created_at,
                       s.sources[1 + floor(random() * cardinality(s.sources))::int] AS source,
                       CASE WHEN random() < 0.05 THEN NULL ELSE a.agents[1 + floor(random() * cardinality(a.agents))::int] END AS agent_id,
                       {Furthest} AS furthest, random() < 0.25 AS lost, random() < 0.75 AS touched,
                       (-ln(1 - random()) * 120)::int AS touch_minutes, 0.05 + random() * 0.5 AS convert_share,
                       random() AS probability
                  FROM (SELECT g, random() AS r FROM generate_series(1, @n) g) x,
                       (SELECT array_agg(user_id ORDER BY user_id) AS agents FROM leads.agents
                         WHERE tenant_id = @tenant AND role IN ('agent', 'team_lead')) a,
                       (SELECT coalesce(array_agg(name ORDER BY name), ARRAY['website', 'zillow', 'referral', 'open_house'])
                          AS sources FROM leads.sources WHERE tenant_id = @tenant AND NOT archived) s) y
        """,
        """
        INSERT INTO leads.leads (tenant_id, id, first_name, last_name, emails, source, type, assigned_to, stage, search,
                                 created_at, updated_at, last_activity_at)
        SELECT @tenant, id, 'Bench', 'Lead ' || g, ARRAY['bench' || g || '@example.test'], source, 'buyer', agent_id, stage,
               'bench lead ' || g || ' bench' || g || '@example.test', created_at, coalesce(converted_at, first_touch_at, created_at),
               coalesce(first_touch_at, created_at)
          FROM bench_leads
        """,
        """
        INSERT INTO conversions.lead_facts (tenant_id, lead_id, created_at, source, agent_id, stage, furthest, touch_sources,
                                            first_touch_at, converted_at)
        SELECT @tenant, id, created_at, source, agent_id, stage, furthest, ARRAY[source], first_touch_at, converted_at FROM bench_leads
        """,
        // Each lead's one count, added to the cells the demo's own leads already hold (as the handlers add them).
        """
        INSERT INTO conversions.funnel_hourly AS f (tenant_id, hour, source, agent_id, furthest, leads)
        SELECT @tenant, date_trunc('hour', created_at, 'UTC'), source, coalesce(agent_id, '00000000-0000-0000-0000-000000000000'),
               furthest, count(*)
          FROM bench_leads GROUP BY 2, 3, 4, 5
        ON CONFLICT (tenant_id, hour, source, agent_id, furthest) DO UPDATE SET leads = f.leads + excluded.leads
        """,
        """
        INSERT INTO conversions.funnel_daily AS f (tenant_id, day, source, agent_id, furthest, leads)
        SELECT @tenant, date_trunc('day', created_at, 'UTC'), source, coalesce(agent_id, '00000000-0000-0000-0000-000000000000'),
               furthest, count(*)
          FROM bench_leads GROUP BY 2, 3, 4, 5
        ON CONFLICT (tenant_id, day, source, agent_id, furthest) DO UPDATE SET leads = f.leads + excluded.leads
        """,
        """
        INSERT INTO conversions.deals (tenant_id, id, lead_id, agent_id, stage, close_date, price_cents, commission_cents, currency,
                                       origin, created_at, updated_at, lead_source, lead_agent_id)
        SELECT @tenant, gen_random_uuid(), id, agent_id, 'closed', (converted_at AT TIME ZONE 'UTC')::date, price, price * 3 / 100,
               'USD', 'manual', converted_at, converted_at, source, agent_id
          FROM (SELECT *, (250000 + floor(probability * 750000))::bigint * 100 AS price FROM bench_leads WHERE furthest = 8) c
        """,
        // The score row carries its lead's agent, and its wait (no activities are seeded: the capture); Scoring's
        // triggers count it in the distribution cells (ADR 0033).
        """
        INSERT INTO scoring.scores (tenant_id, lead_id, agent_id, waiting_since, probability, grade, method, confidence, scored_at)
        SELECT @tenant, id, agent_id, created_at, probability,
               CASE WHEN probability >= 0.75 THEN 'A' WHEN probability >= 0.5 THEN 'B' WHEN probability >= 0.25 THEN 'C' ELSE 'D' END,
               'rules', 'medium', created_at
          FROM bench_leads
        """,
        """
        INSERT INTO scoring.outcomes (tenant_id, lead_id, converted, decided_at)
        SELECT @tenant, id, stage = 'closed', coalesce(converted_at, first_touch_at, created_at)
          FROM bench_leads WHERE stage IN ('closed', 'lost')
        """,
        "ANALYZE leads.leads; ANALYZE conversions.lead_facts; ANALYZE conversions.funnel_hourly; ANALYZE conversions.funnel_daily; ANALYZE conversions.deals; " +
        "ANALYZE scoring.scores; ANALYZE scoring.outcomes; ANALYZE conversions.timing_cells; ANALYZE conversions.attribution_cells; ANALYZE conversions.deal_cells",
    ];

    /// <summary>Runs the steps on one admin connection (one transaction each); prints each step's time.</summary>
    public static async Task AddLeadsAsync(string adminConnection, Guid tenant, int leads, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync(ct);
        await using (var seed = new NpgsqlCommand("SET TIME ZONE 'UTC'; SET maintenance_work_mem = '256MB'; SELECT setseed(0.42)", conn))
        {
            await seed.ExecuteNonQueryAsync(ct);
        }

        foreach (var (sql, i) in Steps.Select((s, i) => (s, i)))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            cmd.Parameters.AddWithValue("tenant", tenant);
            cmd.Parameters.AddWithValue("n", leads);
            var rows = await cmd.ExecuteNonQueryAsync(ct);
            var what = sql.TrimStart().Split('\n')[0].Trim();
            Console.WriteLine($"  seed step {i + 1}/{Steps.Length}: {rows:N0} rows in {Platform.BenchArgs.F(clock.Elapsed.TotalSeconds)} s ({what[..Math.Min(60, what.Length)]})");
        }

        await FillRollupsAsync(conn, tenant, ct);
    }

    /// <summary>
    /// The monthly, day-by-stage/agent (ADR 0032) and by-source/by-agent (ADR 0036) rollups as the handlers keep them: the sums of the hourly cells,
    /// which by now hold the demo's own leads and the seeded ones (as migration 0005 and the rebuild compute them).
    /// </summary>
    private static async Task FillRollupsAsync(NpgsqlConnection conn, Guid tenant, CancellationToken ct)
    {
        const string hoursOfDay = "conversions.hours_of_day(array_agg(extract(hour FROM hour AT TIME ZONE 'UTC')::int), array_agg(leads))";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var cmd = new NpgsqlCommand($"""
            DELETE FROM conversions.funnel_monthly WHERE tenant_id = @tenant;
            DELETE FROM conversions.funnel_day_stages WHERE tenant_id = @tenant;
            DELETE FROM conversions.funnel_day_agents WHERE tenant_id = @tenant;
            DELETE FROM conversions.funnel_month_sources WHERE tenant_id = @tenant;
            DELETE FROM conversions.funnel_month_agents WHERE tenant_id = @tenant;
            DELETE FROM conversions.funnel_day_sources WHERE tenant_id = @tenant;
            INSERT INTO conversions.funnel_monthly (tenant_id, month, source, agent_id, furthest, leads)
            SELECT tenant_id, date_trunc('month', hour, 'UTC'), source, agent_id, furthest, sum(leads)
              FROM conversions.funnel_hourly WHERE tenant_id = @tenant GROUP BY 1, 2, 3, 4, 5;
            INSERT INTO conversions.funnel_day_stages (tenant_id, day, furthest, leads, hours)
            SELECT tenant_id, date_trunc('day', hour, 'UTC'), furthest, sum(leads), {hoursOfDay}
              FROM (SELECT tenant_id, hour, furthest, sum(leads)::bigint AS leads FROM conversions.funnel_hourly
                     WHERE tenant_id = @tenant GROUP BY 1, 2, 3) h
             GROUP BY 1, 2, 3;
            INSERT INTO conversions.funnel_day_agents (tenant_id, day, agent_id, furthest, leads, hours)
            SELECT tenant_id, date_trunc('day', hour, 'UTC'), agent_id, furthest, sum(leads), {hoursOfDay}
              FROM (SELECT tenant_id, hour, agent_id, furthest, sum(leads)::bigint AS leads FROM conversions.funnel_hourly
                     WHERE tenant_id = @tenant GROUP BY 1, 2, 3, 4) h
             GROUP BY 1, 2, 3, 4;
            INSERT INTO conversions.funnel_month_sources (tenant_id, month, source, furthest, leads)
            SELECT tenant_id, month, source, furthest, sum(leads) FROM conversions.funnel_monthly WHERE tenant_id = @tenant GROUP BY 1, 2, 3, 4;
            INSERT INTO conversions.funnel_month_agents (tenant_id, month, agent_id, furthest, leads)
            SELECT tenant_id, month, agent_id, furthest, sum(leads) FROM conversions.funnel_monthly WHERE tenant_id = @tenant GROUP BY 1, 2, 3, 4;
            INSERT INTO conversions.funnel_day_sources (tenant_id, day, source, furthest, leads)
            SELECT tenant_id, day, source, furthest, sum(leads) FROM conversions.funnel_daily WHERE tenant_id = @tenant GROUP BY 1, 2, 3, 4;
            ANALYZE conversions.funnel_monthly; ANALYZE conversions.funnel_day_stages; ANALYZE conversions.funnel_day_agents;
            ANALYZE conversions.funnel_month_sources; ANALYZE conversions.funnel_month_agents; ANALYZE conversions.funnel_day_sources;
            """, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("tenant", tenant);
        await cmd.ExecuteNonQueryAsync(ct);
        Console.WriteLine($"  seed rollups (monthly, day by stage, day by agent, by source, by agent) in {Platform.BenchArgs.F(clock.Elapsed.TotalSeconds)} s");
    }
}
