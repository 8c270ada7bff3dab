using Beacon.Learning.Data;

namespace Beacon.Learning.Linear;

/// <summary>The sparse design matrix of a logistic regression: column index and value of each active term per row.</summary>
internal sealed class LogisticDesign
{
    private readonly Dataset _data;
    private readonly int[] _colStart;
    private readonly int[][] _slotColumn;
    private readonly double[] _median;
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly (int Col, double Val)[] _buffer;

    private LogisticDesign(Dataset data, int minCategoryCount)
    {
        _data = data;
        var f = data.FeatureCount;
        _colStart = new int[f];
        _slotColumn = new int[f][];
        _median = new double[f];
        _mean = new double[f];
        _scale = new double[f];
        _buffer = new (int, double)[f];
        var width = 0;
        for (var j = 0; j < f; j++)
        {
            _colStart[j] = width;
            var col = data.Columns[j];
            var info = data.Schema.Features[j];
            if (!info.IsCategorical)
            {
                var present = col.Where(v => !double.IsNaN(v)).Order().ToArray();
                _median[j] = present.Length == 0 ? 0 : (present[(present.Length - 1) / 2] + present[present.Length / 2]) / 2;
                var imputed = col.Select(v => double.IsNaN(v) ? _median[j] : v).ToArray();
                _mean[j] = imputed.Average();
                var sd = Math.Sqrt(imputed.Select(v => (v - _mean[j]) * (v - _mean[j])).Average());
                _scale[j] = sd > 0 ? sd : 1;
                _slotColumn[j] = [width++];
                continue;
            }

            // Slots: levels 0..k-1, "other" (rare or unseen), "missing"; rare levels reuse the "other" column.
            var slots = info.Categories.Count + 2;
            var counts = new int[slots];
            foreach (var v in col)
            {
                counts[LogisticModel.Slot(slots, v)]++;
            }

            var map = new int[slots];
            var other = -1;
            for (var s = 0; s < slots; s++)
            {
                var rare = s < slots - 1 && counts[s] < minCategoryCount;
                map[s] = rare ? (other < 0 ? other = width++ : other) : width++;
            }

            _slotColumn[j] = map;
        }

        Width = width;
    }

    public int Width { get; }

    public static LogisticDesign Build(Dataset data, int minCategoryCount) => new(data, minCategoryCount);

    /// <summary>The active terms of row <paramref name="i"/>; valid until the next call.</summary>
    public ReadOnlySpan<(int Col, double Val)> Row(int i)
    {
        for (var j = 0; j < _data.FeatureCount; j++)
        {
            var x = _data.Columns[j][i];
            if (_data.Schema.Features[j].IsCategorical)
            {
                var map = _slotColumn[j];
                _buffer[j] = (map[LogisticModel.Slot(map.Length, x)], 1.0);
            }
            else
            {
                var v = double.IsNaN(x) ? _median[j] : x;
                _buffer[j] = (_slotColumn[j][0], (v - _mean[j]) / _scale[j]);
            }
        }

        return _buffer;
    }

    public LogisticModel ToModel(double[] w)
    {
        var f = _data.FeatureCount;
        var weights = new double[f][];
        var kinds = new FeatureKind[f];
        for (var j = 0; j < f; j++)
        {
            kinds[j] = _data.Schema.Features[j].Kind;
            weights[j] = _slotColumn[j].Select(c => w[c]).ToArray();
        }

        return new LogisticModel(kinds, _median, _mean, _scale, weights, w[Width]);
    }
}
