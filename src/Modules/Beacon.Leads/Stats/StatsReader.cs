using System.Security.Claims;
using Beacon.Leads.Model;
using Beacon.Leads.Query;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Leads.Stats;

/// <summary>
/// Counts the visible leads of a range in one statement: one pass over the rows, grouped four ways at once
/// (<c>GROUPING SETS</c>: per local day, per stage, per source, and the whole range).
/// </summary>
internal static class StatsReader
{
    // GROUPING(day, stage, source) is a bit mask of the columns *not* grouped in a row: 3 = per day, 5 = per stage …
    private const int PerDay = 0b011, PerStage = 0b101, PerSource = 0b110, Whole = 0b111;

    public static async Task<LeadStats> ReadAsync(Db db, ClaimsPrincipal user, StatsRange range, DateTimeOffset now, CancellationToken ct)
    {
        var tenant = user.TenantId();
        var visibility = Visibility.Of(user);
        var p = new DynamicParameters(new { tenant, from = range.From, to = range.To, tz = range.Zone.Id, today = range.LocalDay(now) });
        visibility.AddTo(p);
        await using var conn = await db.OpenAsync(tenant, ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            SELECT GROUPING(s.day, s.stage, s.source) AS grouping_bits, s.day, s.stage, s.source, count(*) AS count,
                   count(*) FILTER (WHERE s.day = @today) AS today, count(*) FILTER (WHERE s.stage = 'new') AS still_new
              FROM (SELECT (l.created_at AT TIME ZONE @tz)::date AS day, l.stage, l.source
                      FROM leads.leads l
                     WHERE l.tenant_id = @tenant AND l.deleted_at IS NULL AND l.created_at >= @from AND l.created_at < @to
                       AND {visibility.Predicate}) s
             GROUP BY GROUPING SETS ((s.day), (s.stage), (s.source), ())
            """, p, cancellationToken: ct));
        var all = rows.ToLookup(r => r.GroupingBits);
        var whole = all[Whole].SingleOrDefault() ?? new Row();
        var perDay = all[PerDay].ToDictionary(r => DateOnly.FromDateTime(r.Day!.Value), r => r.Count);
        return new LeadStats(range.From, range.To, range.Zone.Id, whole.Count, whole.Today, whole.StillNew,
            range.Days().Select(d => new DayCount(d, perDay.GetValueOrDefault(d))).ToList(),
            all[PerStage].OrderBy(r => StageOrder(r.Stage!)).Select(r => new StageCount(r.Stage!, r.Count)).ToList(),
            all[PerSource].OrderByDescending(r => r.Count).ThenBy(r => r.Source, StringComparer.Ordinal)
                .Select(r => new SourceCount(r.Source!, r.Count)).ToList());
    }

    private static int StageOrder(string stage) =>
        Array.IndexOf(LeadVocabulary.Stages, stage) is var i and >= 0 ? i : LeadVocabulary.Stages.Length;

    private sealed class Row
    {
        public int GroupingBits { get; set; }

        public DateTime? Day { get; set; }

        public string? Stage { get; set; }

        public string? Source { get; set; }

        public long Count { get; set; }

        public long Today { get; set; }

        public long StillNew { get; set; }
    }
}
