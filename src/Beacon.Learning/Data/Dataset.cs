namespace Beacon.Learning.Data;

/// <summary>
/// Column-major encoded features (NaN = missing) plus a 0/1 label per row. Columns are kept separate because
/// binning and histogram building walk one feature at a time.
/// </summary>
public sealed class Dataset
{
    public Dataset(FeatureSchema schema, double[][] columns, double[] labels)
    {
        if (columns.Length != schema.Count)
        {
            throw new ArgumentException($"Expected {schema.Count} columns, got {columns.Length}.", nameof(columns));
        }

        foreach (var c in columns)
        {
            if (c.Length != labels.Length)
            {
                throw new ArgumentException("Every column must have one value per label.", nameof(columns));
            }
        }

        Schema = schema;
        Columns = columns;
        Labels = labels;
    }

    public FeatureSchema Schema { get; }

    public double[][] Columns { get; }

    public double[] Labels { get; }

    public int RowCount => Labels.Length;

    public int FeatureCount => Columns.Length;

    /// <summary>Copies row <paramref name="row"/> into <paramref name="destination"/> (length = feature count).</summary>
    public void CopyRow(int row, Span<double> destination)
    {
        for (var f = 0; f < Columns.Length; f++)
        {
            destination[f] = Columns[f][row];
        }
    }

    public double[] GetRow(int row)
    {
        var r = new double[FeatureCount];
        CopyRow(row, r);
        return r;
    }

    /// <summary>A new dataset holding the given rows, in the given order.</summary>
    public Dataset Subset(IReadOnlyList<int> rows)
    {
        var cols = new double[Columns.Length][];
        for (var f = 0; f < cols.Length; f++)
        {
            var src = Columns[f];
            var dst = new double[rows.Count];
            for (var i = 0; i < dst.Length; i++)
            {
                dst[i] = src[rows[i]];
            }

            cols[f] = dst;
        }

        var labels = new double[rows.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = Labels[rows[i]];
        }

        return new Dataset(Schema, cols, labels);
    }
}
