using System.Diagnostics;
using System.Text;
using Beacon.Bench.Enrichment;
using Beacon.Bench.Platform;
using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Pipeline;

/// <summary>
/// What the pipeline run left in the database, per lead from its capture: score (first <c>lead.scored</c> event),
/// enrichment (last provider step final) and workflow enrollment, with the leads that never got each, and the
/// accepted leads lost or stored twice.
/// </summary>
/// <param name="EventsPerLead">The events the run published, by type, per lead stored: the work each capture sets off.</param>
internal sealed record PipelineFigures(long Leads, long Lost, long Duplicated, Summary Scored, long Unscored, Summary Enriched,
    long Unenriched, Summary Enrolled, long Unenrolled, TimeSpan Drained, string EventsPerLead)
{
    public const double ScoreBarMs = 100, EnrichmentBarMs = 1000;

    public static async Task<PipelineFigures> DrainAndReadAsync(string adminConnection, Guid tenant, Guid[] accepted, TimeSpan drain,
        CancellationToken ct)
    {
        var drained = await DrainAsync(adminConnection, tenant, drain, ct);
        await using var db = new NpgsqlConnection(adminConnection);
        await db.OpenAsync(ct);
        const string ours = "l.tenant_id = $1 AND l.first_name = 'Pipeline'";
        var leads = await ScalarAsync(db, $"SELECT count(*) FROM leads.leads l WHERE {ours}", ct, tenant);
        var scored = await EnrichmentRun.DurationsAsync(db, $"""
            SELECT extract(epoch FROM min(e.recorded_at) - l.created_at) * 1000 FROM leads.leads l
              JOIN platform.events e ON e.tenant_id = l.tenant_id AND e.type = 'lead.scored' AND (e.payload->>'leadId')::uuid = l.id
             WHERE {ours} GROUP BY l.id, l.created_at
            """, ct, tenant);
        var enriched = await EnrichmentRun.DurationsAsync(db, $"""
            SELECT extract(epoch FROM max(r.completed_at) - l.created_at) * 1000 FROM leads.leads l
              JOIN enrichment.runs r ON r.tenant_id = l.tenant_id AND r.lead_id = l.id
             WHERE {ours} GROUP BY l.id, l.created_at HAVING bool_and(r.state <> 'pending')
            """, ct, tenant);
        var enrolled = await EnrichmentRun.DurationsAsync(db, $"""
            SELECT extract(epoch FROM min(w.enrolled_at) - l.created_at) * 1000 FROM leads.leads l
              JOIN workflows.enrollments w ON w.tenant_id = l.tenant_id AND w.lead_id = l.id
             WHERE {ours} GROUP BY l.id, l.created_at
            """, ct, tenant);
        var lost = await ScalarAsync(db, """
            SELECT count(*) FROM unnest($2::uuid[]) a(id) WHERE NOT EXISTS (SELECT 1 FROM leads.leads l WHERE l.tenant_id = $1 AND l.id = a.id)
            """, ct, tenant, accepted);
        var duplicated = await ScalarAsync(db, $"""
            SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM leads.leads l WHERE {ours} GROUP BY l.last_name HAVING count(*) > 1) d
            """, ct, tenant);
        var events = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT type, count(*) FROM platform.events WHERE tenant_id = $1 AND occurred_at >= (SELECT min(created_at) FROM leads.leads
             WHERE tenant_id = $1 AND first_name = 'Pipeline') GROUP BY type ORDER BY 2 DESC
            """, db))
        {
            cmd.Parameters.AddWithValue(tenant);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                events.Add($"{reader.GetString(0)} {F(reader.GetInt64(1) / (double)Math.Max(1, leads), "0.00")}");
            }
        }

        return new PipelineFigures(leads, lost, duplicated, scored, leads - scored.Count, enriched, leads - enriched.Count, enrolled,
            leads - enrolled.Count, drained, string.Join(", ", events));
    }

    /// <summary>Waits until the brokerage has no due job and no provider step pending, or <paramref name="drain"/> has passed.</summary>
    public static async Task<TimeSpan> DrainAsync(string adminConnection, Guid tenant, TimeSpan drain, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(adminConnection);
        await db.OpenAsync(ct);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < drain && await ScalarAsync(db, """
                   SELECT (SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND run_at <= now())
                        + (SELECT count(*) FROM enrichment.runs WHERE tenant_id = $1 AND state = 'pending')
                   """, ct, tenant) > 0)
        {
            await Task.Delay(500, ct);
        }

        return clock.Elapsed;
    }

    public bool Met(double rate, Summary posted) =>
        posted.Errors == 0 && posted.Throughput >= rate * 0.98 && Lost == 0 && Duplicated == 0 && Unscored == 0 && Unenriched == 0
        && Unenrolled == 0 && Scored.P99 <= ScoreBarMs && Enriched.P99 <= EnrichmentBarMs;

    public string Report(double rate, Summary posted)
    {
        var text = new StringBuilder();
        text.AppendLine($"queue drained {F(Drained.TotalSeconds)} s after the last capture; {Leads} leads stored, lost {Lost}, duplicated {Duplicated}");
        text.AppendLine($"events per lead stored: {EventsPerLead}");
        text.AppendLine($"capture → first score committed: {Line(Scored)}; never scored {Unscored}");
        text.AppendLine($"capture → every provider final: {Line(Enriched)}; not final {Unenriched}");
        text.AppendLine($"capture → workflow enrollment: {Line(Enrolled)}; not enrolled {Unenrolled}");
        text.AppendLine($"bar sustained {F(rate, "0")}/s with no error: {Verdict(posted.Errors == 0 && posted.Throughput >= rate * 0.98)} " +
                        $"({F(posted.Throughput, "0")}/s, errors {posted.Errors})");
        text.AppendLine($"bar score p99 <= {F(ScoreBarMs, "0")} ms: {Verdict(Unscored == 0 && Scored.P99 <= ScoreBarMs)}");
        text.AppendLine($"bar enrichment final p99 <= {F(EnrichmentBarMs, "0")} ms: {Verdict(Unenriched == 0 && Enriched.P99 <= EnrichmentBarMs)}");
        text.Append($"bar nothing lost or duplicated, every lead enrolled: {Verdict(Lost == 0 && Duplicated == 0 && Unenrolled == 0)}");
        return text.ToString();
    }

    private static string Line(Summary s) =>
        $"n {s.Count}, p50 {F(s.P50, "0")} ms, p90 {F(s.P90, "0")} ms, p99 {F(s.P99, "0")} ms, max {F(s.Max, "0")} ms";

    private static string Verdict(bool met) => met ? "MET" : "MISSED";

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }

        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
