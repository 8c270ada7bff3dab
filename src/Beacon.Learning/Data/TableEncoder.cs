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
}
