using System.Globalization;
using Beacon.Learning.Data;

namespace Beacon.Learning.Evaluation;

/// <summary>
/// Reads the target as 0/1 by a rule that is printed, never guessed: with <c>--positive VALUE</c> that value is
/// positive and all others negative; without it only 0/1, true/false, yes/no and y/n are read (the second of each
/// negative). Anything else ("converted"/"not converted" sorts the wrong way round; 0/1/2 is not binary) is refused.
/// </summary>
internal static class TargetRule
{
    public const int MinPerClass = 10;

    private static readonly (string Positive, string Negative)[] KnownPairs =
        [("1", "0"), ("true", "false"), ("yes", "no"), ("y", "n")];

    public static (double[] Labels, string Rule) Read(string name, string[] column, string? positive)
    {
        for (var i = 0; i < column.Length; i++)
        {
            if (MissingValues.IsMissing(column[i]))
            {
                throw new ArgumentException($"The target '{name}' is empty on row {i + 1} ('{column[i].Trim()}').");
            }
        }

        var numeric = column.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var keys = column.Select(v => Key(v, numeric)).ToArray();
        var distinct = keys.Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(numeric ? Comparer<string>.Create((x, y) => Number(x).CompareTo(Number(y))) : StringComparer.OrdinalIgnoreCase)
            .ToList();
        var listed = string.Join(", ", distinct.Take(6)) + (distinct.Count > 6 ? ", …" : "");
        string chosen;
        if (positive is not null)
        {
            var key = Key(positive, numeric && double.TryParse(positive, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            chosen = distinct.FirstOrDefault(d => string.Equals(d, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"--positive '{positive}' is not a value of '{name}' (its values: {listed}).");
        }
        else if (distinct.Count == 1)
        {
            throw new ArgumentException($"The target '{name}' has only one value ('{distinct[0]}') in all {column.Length} rows: ROC AUC needs both outcomes.");
        }
        else if (distinct.Count > 2)
        {
            throw new ArgumentException($"The target '{name}' has {distinct.Count} values ({listed}): name the positive one with --positive VALUE (all others are negative).");
        }
        else
        {
            chosen = KnownPositive(distinct[0], distinct[1])
                ?? throw new ArgumentException($"Cannot tell which value of '{name}' is positive ('{distinct[0]}', '{distinct[1]}'): pass --positive VALUE.");
        }

        var labels = keys.Select(k => string.Equals(k, chosen, StringComparison.OrdinalIgnoreCase) ? 1.0 : 0.0).ToArray();
        var negatives = distinct.Where(d => !string.Equals(d, chosen, StringComparison.OrdinalIgnoreCase)).ToList();
        var pos = (int)labels.Sum();
        if (pos < MinPerClass || labels.Length - pos < MinPerClass)
        {
            throw new ArgumentException(
                $"The target '{name}' needs at least {MinPerClass} rows of each outcome; it has {pos} positive and {labels.Length - pos} negative.");
        }

        var rest = string.Join(", ", negatives.Take(6).Select(n => $"'{n}'")) + (negatives.Count > 6 ? ", …" : "");
        var rule = string.Create(CultureInfo.InvariantCulture,
            $"Target: {name} = '{chosen}' is positive; {rest} {(negatives.Count == 1 ? "is" : "are")} negative ({pos} of {labels.Length} rows positive)");
        return (labels, rule);
    }

    private static string Key(string raw, bool numeric) => numeric
        ? double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
        : raw.Trim();

    private static double Number(string key) => double.Parse(key, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string? KnownPositive(string a, string b)
    {
        foreach (var (p, n) in KnownPairs)
        {
            if (Same(a, p) && Same(b, n))
            {
                return a;
            }

            if (Same(a, n) && Same(b, p))
            {
                return b;
            }
        }

        return null;
    }

    private static bool Same(string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
}
