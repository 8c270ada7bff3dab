using System.Globalization;
using Beacon.Learning.Data;
using Beacon.Learning.Metrics;

namespace Beacon.Learning.Evaluation;

/// <summary>
/// Warns about features that look like leakage: one that alone reaches ROC AUC ≥ 0.9 on the test rows (its training
/// rows' conversion rate per level or per numeric band, scored on the test rows), or one named like an outcome or a
/// duration (known only once the lead is decided). Warnings do not change the exit code: the user decides.
/// </summary>
internal static class LeakageCheck
{
    public const double MaxSingleFeatureAuc = 0.9;

    private static readonly HashSet<string> OutcomeWords = new(StringComparer.Ordinal)
    {
        "converted", "conversion", "outcome", "result", "status", "stage", "won", "lost", "closed", "sold", "churn",
        "churned", "label", "target", "revenue", "paid", "purchased", "enrolled",
    };

    private static readonly HashSet<string> TimeWords = new(StringComparer.Ordinal) { "days", "hours", "minutes", "weeks", "time" };

    public static IEnumerable<string> Warnings(Dataset data, int[] train, int[] test)
    {
        for (var f = 0; f < data.FeatureCount; f++)
        {
            var name = data.Schema.Features[f].Name;
            if (NamedLike(name) is { } kind)
            {
                yield return $"Warning: likely leakage: '{name}' is named like {kind}; drop it unless it is known when a lead is captured.";
            }

            var auc = SingleFeatureAuc(data.Columns[f], data.Labels, train, test, data.Schema.Features[f].IsCategorical);
            if (auc >= MaxSingleFeatureAuc)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"Warning: likely leakage: '{name}' alone reaches ROC AUC {auc:0.0000} on the test rows (≥ {MaxSingleFeatureAuc:0.0}); drop it unless it is known when a lead is captured.");
            }
        }
    }

    private static string? NamedLike(string name)
    {
        var words = Words(name);
        if (words.Any(OutcomeWords.Contains))
        {
            return "an outcome";
        }

        var duration = words.Contains("duration") || words.Contains("elapsed")
            || (words.Any(TimeWords.Contains) && words.Any(w => w is "to" or "until" or "till"));
        return duration ? "a duration" : null;
    }

    // "days_to_close", "DaysToClose" and "Days to close" all become days, to, close.
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = !char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && current.Length > 0)
            {
                words.Add(current.ToString().ToLowerInvariant());
                current.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString().ToLowerInvariant());
        }

        return words;
    }

    /// <summary>ROC AUC on the test rows of the training rows' smoothed positive rate per level (or per band of 20).</summary>
    private static double SingleFeatureAuc(double[] column, double[] labels, int[] train, int[] test, bool categorical)
    {
        var edges = categorical ? [] : Edges(train.Select(i => column[i]).Where(double.IsFinite).Order().ToArray());
        int Bin(double v) => double.IsNaN(v) ? -1 : categorical ? (int)v : UpperBound(edges, v);

        var prior = train.Average(i => labels[i]);
        var counts = new Dictionary<int, (double Pos, int N)>();
        foreach (var i in train)
        {
            var b = Bin(column[i]);
            var (p, n) = counts.GetValueOrDefault(b);
            counts[b] = (p + labels[i], n + 1);
        }

        // Smoothing towards the prior (weight of 10 rows): a level seen twice says little, an unseen one nothing.
        var scores = test.Select(i => counts.TryGetValue(Bin(column[i]), out var c) ? (c.Pos + (10 * prior)) / (c.N + 10) : prior).ToArray();
        return ClassificationMetrics.RocAuc(test.Select(i => labels[i]).ToArray(), scores);
    }

    private static double[] Edges(double[] sorted) => sorted.Length == 0
        ? []
        : Enumerable.Range(1, 19).Select(k => sorted[k * (sorted.Length - 1) / 20]).Distinct().ToArray();

    private static int UpperBound(double[] edges, double v)
    {
        var b = 0;
        while (b < edges.Length && edges[b] < v)
        {
            b++;
        }

        return b;
    }
}
