using System.Globalization;
using System.Text;
using CsvHelper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// Every table of the dashboard as CSV (CsvHelper; RFC 4180 quoting, LF). Text that a spreadsheet would run as a
/// formula (a source named "=cmd|…") is neutralised with a leading apostrophe, as the leads export does.
/// </summary>
internal static class ReportCsv
{
    public static readonly string[] Tables =
        ["funnel", "sources", "agents", "teams", "cohorts", "time-to-convert", "speed-to-lead", "leaderboard", "roi", "attribution"];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.None,
        ValidateFieldCount = false,
        NewLine = "\n",
    };

    public static string Write(string table, ConversionReport r)
    {
        var rows = table switch
        {
            "funnel" => Table(["stage", "leads", "rate_from_previous"], r.Funnel.Select(s => Cells(s.Stage, s.Leads, s.Rate))),
            "sources" => Breakdowns("source", r.BySource),
            "agents" => Breakdowns("agent", r.ByAgent),
            "teams" => Breakdowns("team", r.ByTeam),
            "cohorts" => Table(["week", "leads", .. Projection.Pipeline.Stages],
                r.Cohorts.Select(c => Cells([c.Week.ToString("yyyy-MM-dd", Invariant), c.Leads, .. c.Reached.Cast<object?>()]))),
            "time-to-convert" => Table(["converted", "median_days", "p75_days", "p90_days"],
                [Cells(r.TimeToConvert.Converted, r.TimeToConvert.MedianDays, r.TimeToConvert.P75Days, r.TimeToConvert.P90Days)]),
            "speed-to-lead" => Table(["first_human_touch", "leads"], r.SpeedToLead.Buckets.Select(b => Cells(b.Label, b.Leads))),
            "leaderboard" => Table(["agent_id", "agent", "closed_deals", "volume_cents", "commission_cents", "currency", "leads", "converted", "rate"],
                r.Leaderboard.Select(l => Cells(l.AgentId, l.Name, l.ClosedDeals, l.VolumeCents, l.CommissionCents, l.Currency, l.Leads, l.Converted, l.Rate))),
            "roi" => Table(["source", "spend_cents", "leads", "converted", "commission_cents", "cost_per_lead_cents", "cost_per_conversion_cents", "roi"],
                r.Roi.Select(s => Cells(s.Source, s.SpendCents, s.Leads, s.Converted, s.CommissionCents, s.CostPerLeadCents, s.CostPerConversionCents, s.Roi))),
            "attribution" => Table(["source", "first_touch", "last_touch", "linear"], r.Attribution.Select(a => Cells(a.Source, a.First, a.Last, a.Linear))),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Neutralise(cell));
                }

                csv.EndRecord();
            }

            csv.Flush();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IEnumerable<string?[]> Breakdowns(string what, IReadOnlyList<Breakdown> rows) =>
        Table([$"{what}_id", what, "leads", "converted", "rate"], rows.Select(b => Cells(b.Key, b.Name, b.Leads, b.Converted, b.Rate)));

    private static IEnumerable<string?[]> Table(string[] header, IEnumerable<string?[]> rows) => rows.Prepend(header);

    private static string?[] Cells(params object?[] values) =>
        [.. values.Select(v => v is IFormattable f ? f.ToString(null, Invariant) : v?.ToString())];

    private static string? Neutralise(string? v) =>
        !string.IsNullOrEmpty(v) && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(v, NumberStyles.Float, Invariant, out _)
            ? "'" + v : v;

    public static byte[] Bytes(string csv) => Encoding.UTF8.GetBytes(csv);
}
