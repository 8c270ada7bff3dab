using System.Globalization;
using System.Text.RegularExpressions;

namespace Beacon.Learning.Evaluation;

/// <summary>
/// Reads the <c>--order</c> column of a temporal split as numbers or as ISO 8601 dates (yyyy-MM-dd, optionally with a
/// time). Every row must have one: a value that is neither would otherwise sort as "unknown" and silently turn the
/// split into file order.
/// </summary>
internal static partial class OrderColumn
{
    public static (double[] Keys, bool Dates) Read(string name, string[] column)
    {
        var keys = new double[column.Length];
        bool? dates = null;
        for (var i = 0; i < column.Length; i++)
        {
            var v = column[i].Trim();
            bool isDate;
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                (keys[i], isDate) = (number, false);
            }
            else if (IsoDate().IsMatch(v) && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture,
                         DateTimeStyles.AssumeUniversal, out var date))
            {
                (keys[i], isDate) = (date.UtcTicks, true);
            }
            else
            {
                throw new ArgumentException($"The --order column '{name}' holds '{v}' on row {i + 1}: neither a number nor an ISO date (yyyy-MM-dd).");
            }

            if (dates is { } d && d != isDate)
            {
                throw new ArgumentException($"The --order column '{name}' mixes numbers and dates (row {i + 1}: '{v}').");
            }

            dates = isDate;
        }

        return (keys, dates == true);
    }

    /// <summary>"Order: t read as dates, test rows from 2025-02-04 on" (the earliest key among the test rows).</summary>
    public static string Describe(string name, double[] keys, bool dates, IEnumerable<int> testRows)
    {
        var first = testRows.Min(i => keys[i]);
        var from = dates
            ? new DateTimeOffset((long)first, TimeSpan.Zero).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : first.ToString(CultureInfo.InvariantCulture);
        return $"Order: {name} read as {(dates ? "dates" : "numbers")}, test rows from {from} on";
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ].*)?$")]
    private static partial Regex IsoDate();
}
