using Beacon.Learning.Data;

namespace Beacon.Learning.LightGbm;

/// <summary>
/// How an encoded row becomes LightGBM's float vector: a numeric feature is one column (missing → <see cref="Missing"/>,
/// below every real value, so a split always sends it left and the converted tree can say so exactly); a categorical
/// feature is one 0/1 column per category seen at least MinCategoryCount times in training (rarer, unseen and missing
/// categories are all-zero). One-hot splits are one category against the rest, as Beacon's booster is set to split
/// in the evaluation (MaxCategoriesPerSplit = 1).
/// </summary>
internal sealed class OneHotLayout
{
    public const float Missing = -1e30f;

    private OneHotLayout(int[] source, int[] code)
    {
        Source = source;
        Code = code;
    }

    /// <summary>Column j holds feature Source[j].</summary>
    public int[] Source { get; }

    /// <summary>Column j flags category Code[j] of its feature; -1 for a numeric column.</summary>
    public int[] Code { get; }

    public int Width => Source.Length;

    public static OneHotLayout Build(Dataset fit, int minCategoryCount)
    {
        var source = new List<int>();
        var code = new List<int>();
        for (var f = 0; f < fit.FeatureCount; f++)
        {
            var info = fit.Schema.Features[f];
            if (!info.IsCategorical)
            {
                source.Add(f);
                code.Add(-1);
                continue;
            }

            var counts = new int[info.Categories.Count];
            foreach (var x in fit.Columns[f])
            {
                if (x >= 0 && x < counts.Length)
                {
                    counts[(int)x]++;
                }
            }

            for (var c = 0; c < counts.Length; c++)
            {
                if (counts[c] >= minCategoryCount)
                {
                    source.Add(f);
                    code.Add(c);
                }
            }
        }

        return new OneHotLayout([.. source], [.. code]);
    }

    public void Write(ReadOnlySpan<double> row, Span<float> destination)
    {
        for (var j = 0; j < Source.Length; j++)
        {
            var x = row[Source[j]];
            destination[j] = Code[j] < 0
                ? double.IsNaN(x) ? Missing : (float)x
                : x == Code[j] ? 1f : 0f;
        }
    }

    /// <summary>
    /// The double threshold T with x ≤ T exactly when (float)x ≤ <paramref name="t"/>: LightGBM compares the float it
    /// was given, Beacon's tree walk compares the double row.
    /// </summary>
    public static double Threshold(float t)
    {
        if (!float.IsFinite(t))
        {
            return t;
        }

        var middle = ((double)t + MathF.BitIncrement(t)) / 2;

        // A double exactly halfway rounds to the float with the even mantissa.
        return (BitConverter.SingleToInt32Bits(t) & 1) == 0 ? middle : Math.BitDecrement(middle);
    }
}
