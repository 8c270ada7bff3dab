using System.Globalization;

namespace Beacon.Learning.Data;

/// <summary>The ordered feature columns a model was trained on, with the encoding of raw text values.</summary>
public sealed class FeatureSchema
{
    private readonly Dictionary<string, int>[] _levelIndex;

    public FeatureSchema(IReadOnlyList<FeatureInfo> features)
    {
        Features = features;
        _levelIndex = new Dictionary<string, int>[features.Count];
        for (var f = 0; f < features.Count; f++)
        {
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 0; c < features[f].Categories.Count; c++)
            {
                map[features[f].Categories[c]] = c;
            }

            _levelIndex[f] = map;
        }
    }

    public IReadOnlyList<FeatureInfo> Features { get; }

    public int Count => Features.Count;

    /// <summary>
    /// Encodes one raw text value of feature <paramref name="feature"/>. Null, empty and the usual "missing" spellings
    /// become NaN; an unseen category becomes the code one past the known levels (treated as "other" by the trees).
    /// </summary>
    public double Encode(int feature, string? raw)
    {
        if (MissingValues.IsMissing(raw))
        {
            return double.NaN;
        }

        var info = Features[feature];
        if (!info.IsCategorical)
        {
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
        }

        return _levelIndex[feature].TryGetValue(raw!.Trim(), out var code) ? code : info.Categories.Count;
    }

    /// <summary>Encodes a full row of raw values (in schema order) into <paramref name="destination"/>.</summary>
    public void Encode(ReadOnlySpan<string?> raw, Span<double> destination)
    {
        for (var f = 0; f < Count; f++)
        {
            destination[f] = Encode(f, raw[f]);
        }
    }
}
