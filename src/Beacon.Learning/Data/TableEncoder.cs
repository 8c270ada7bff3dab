using System.Globalization;

namespace Beacon.Learning.Data;

/// <summary>
/// Decides per column whether it is numeric (every present value parses as a number) or categorical, and encodes
/// text columns into a <see cref="Dataset"/>. Levels are sorted ordinally so the encoding does not depend on row order.
/// </summary>
public static class TableEncoder
{
    public static FeatureSchema InferSchema(CsvTable table, IEnumerable<string> featureColumns)
    {
        var features = new List<FeatureInfo>();
        foreach (var name in featureColumns)
        {
            var col = table.Column(name);
            var numeric = true;
            var levels = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var raw in col)
            {
                if (MissingValues.IsMissing(raw))
                {
                    continue;
                }

                var v = raw.Trim();
                levels.Add(v);
                if (numeric && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    numeric = false;
                }
            }

            features.Add(numeric ? FeatureInfo.Numeric(name) : FeatureInfo.Categorical(name, [.. levels]));
        }

        return new FeatureSchema(features);
    }

    public static Dataset Encode(CsvTable table, FeatureSchema schema, double[] labels)
    {
        var cols = new double[schema.Count][];
        for (var f = 0; f < schema.Count; f++)
        {
            var src = table.Column(schema.Features[f].Name);
            var dst = new double[src.Length];
            for (var r = 0; r < src.Length; r++)
            {
                dst[r] = schema.Encode(f, src[r]);
            }

            cols[f] = dst;
        }

        return new Dataset(schema, cols, labels);
    }

    /// <summary>
    /// Reads a 0/1 target: numbers are positive when &gt; 0.5; otherwise the column must hold exactly two distinct
    /// values, and the ordinally larger one (e.g. "yes" over "no", "true" over "false") is positive.
    /// </summary>
    public static double[] Labels(string[] column)
    {
        var labels = new double[column.Length];
        var distinct = column.Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Any(MissingValues.IsMissing))
        {
            throw new ArgumentException("The target column has missing values.");
        }

        if (distinct.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            for (var i = 0; i < column.Length; i++)
            {
                labels[i] = double.Parse(column[i], NumberStyles.Float, CultureInfo.InvariantCulture) > 0.5 ? 1 : 0;
            }

            return labels;
        }

        if (distinct.Count != 2)
        {
            throw new ArgumentException($"The target must be numeric or have two values; found {distinct.Count}.");
        }

        var positive = distinct.Max(StringComparer.OrdinalIgnoreCase)!;
        for (var i = 0; i < column.Length; i++)
        {
            labels[i] = string.Equals(column[i].Trim(), positive, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        return labels;
    }
}
