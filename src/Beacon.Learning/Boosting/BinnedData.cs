using Beacon.Learning.Data;

namespace Beacon.Learning.Boosting;

/// <summary>The training matrix as one byte per cell, column-major, plus each feature's bin layout.</summary>
internal sealed class BinnedData
{
    private BinnedData(FeatureBins[] bins, byte[][] columns, int rows, int[] histOffset)
    {
        RowMajor = new byte[rows * columns.Length];
        for (var f = 0; f < columns.Length; f++)
        {
            var col = columns[f];
            for (var r = 0; r < rows; r++)
            {
                RowMajor[(r * columns.Length) + f] = col[r];
            }
        }

        Bins = bins;
        Columns = columns;
        RowCount = rows;
        HistOffset = histOffset;
    }

    public FeatureBins[] Bins { get; }

    public byte[][] Columns { get; }

    public int RowCount { get; }

    /// <summary>The same bins row by row: histogram building reads one row's features together.</summary>
    public byte[] RowMajor { get; }

    public int FeatureCount => Columns.Length;

    /// <summary>Start of each feature's bins in a histogram (in bins, not doubles); the last entry is the total.</summary>
    public int[] HistOffset { get; }

    public int TotalBins => HistOffset[^1];

    public static BinnedData Build(Dataset data, GbtOptions options)
    {
        var f = data.FeatureCount;
        var bins = new FeatureBins[f];
        var columns = new byte[f][];
        var offset = new int[f + 1];
        for (var j = 0; j < f; j++)
        {
            var info = data.Schema.Features[j];
            var col = data.Columns[j];
            bins[j] = info.IsCategorical
                ? FeatureBins.Categorical(col, info.Categories.Count, options.MinCategoryCount)
                : FeatureBins.Numeric(col, options.MaxBins);
            var b = new byte[col.Length];
            for (var r = 0; r < col.Length; r++)
            {
                b[r] = bins[j].BinOf(col[r]);
            }

            columns[j] = b;
            offset[j + 1] = offset[j] + bins[j].BinCount;
        }

        return new BinnedData(bins, columns, data.RowCount, offset);
    }
}
