using System.Runtime.CompilerServices;

namespace Beacon.Learning.Boosting;

/// <summary>
/// A trained boosted-tree model in flat arrays (all trees' nodes concatenated). Prediction walks the arrays and
/// allocates nothing. Rows are encoded feature vectors (see <see cref="Data.FeatureSchema"/>), NaN = missing.
/// </summary>
public sealed partial class TreeEnsemble : IRawScorer
{
    internal const byte LeafFlag = 1;
    internal const byte MissingLeftFlag = 2;
    internal const byte CategoricalFlag = 4;

    private Explain.ShapTables? _shapTables;

    internal TreeEnsemble(int featureCount, double baseScore, int[] treeRoots, int[] feature, double[] threshold,
        int[] left, int[] right, byte[] flags, double[] value, double[] cover, int[] catOffset, int[] catCount,
        ulong[] catBits)
    {
        FeatureCount = featureCount;
        BaseScore = baseScore;
        TreeRoots = treeRoots;
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Flags = flags;
        Value = value;
        Cover = cover;
        CatOffset = catOffset;
        CatCount = catCount;
        CatBits = catBits;
        MaxDepth = ComputeMaxDepth();
        ExpectedValues = [.. treeRoots.Select(r => Expected(r))];
    }

    public int FeatureCount { get; }

    /// <summary>Raw log-odds before any tree (the training prior).</summary>
    public double BaseScore { get; }

    public int TreeCount => TreeRoots.Length;

    public int NodeCount => Feature.Length;

    public int MaxDepth { get; }

    internal int[] TreeRoots { get; }

    /// <summary>Constants of the fast contributions walk, built on first use.</summary>
    internal Explain.ShapTables ShapTables => _shapTables ?? BuildShapTables();

    /// <summary>Each tree's cover-weighted mean leaf value: its share of the contributions' bias.</summary>
    internal double[] ExpectedValues { get; }

    internal int[] Feature { get; }

    internal double[] Threshold { get; }

    internal int[] Left { get; }

    internal int[] Right { get; }

    internal byte[] Flags { get; }

    internal double[] Value { get; }

    internal double[] Cover { get; }

    internal int[] CatOffset { get; }

    internal int[] CatCount { get; }

    internal ulong[] CatBits { get; }

    /// <summary>Raw log-odds for one encoded row.</summary>
    public double PredictRaw(ReadOnlySpan<double> row)
    {
        var sum = BaseScore;
        foreach (var root in TreeRoots)
        {
            sum += Value[LeafOf(root, row)];
        }

        return sum;
    }

    /// <summary>P(y = 1) for one encoded row.</summary>
    public double PredictProbability(ReadOnlySpan<double> row) => Sigmoid.Of(PredictRaw(row));

    /// <summary>
    /// Exact TreeSHAP contributions of each feature to the raw log-odds; returns the bias, so that
    /// bias + Σ contributions = <see cref="PredictRaw"/>. <paramref name="contributions"/> has one slot per feature.
    /// </summary>
    public double Contributions(ReadOnlySpan<double> row, Span<double> contributions) =>
        MaxDepth <= Explain.QuadratureTreeShap.MaxDepth && ShapTables.MaxTreeNodes <= Explain.QuadratureTreeShap.MaxTreeNodes
            ? Explain.QuadratureTreeShap.Explain(this, ShapTables, row, contributions)
            : Explain.TreeShap.Explain(this, row, contributions);

    internal int LeafOf(int node, ReadOnlySpan<double> row)
    {
        while ((Flags[node] & LeafFlag) == 0)
        {
            node = GoesLeft(node, row[Feature[node]]) ? Left[node] : Right[node];
        }

        return node;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool GoesLeft(int node, double x)
    {
        var flags = Flags[node];
        if (double.IsNaN(x))
        {
            return (flags & MissingLeftFlag) != 0;
        }

        if ((flags & CategoricalFlag) == 0)
        {
            return x <= Threshold[node];
        }

        var last = CatCount[node] - 1;
        var code = x >= 0 && x < last ? (int)x : last;
        return (CatBits[CatOffset[node] + (code >> 6)] & (1UL << (code & 63))) != 0;
    }

    // Racing threads may both build; the tables are equal, so whichever lands is fine.
    private Explain.ShapTables BuildShapTables() => _shapTables = Explain.ShapTables.Build(this);

    private int ComputeMaxDepth()
    {
        var max = 0;
        foreach (var root in TreeRoots)
        {
            max = Math.Max(max, Depth(root));
        }

        return max;
    }

    private double Expected(int node) => (Flags[node] & LeafFlag) != 0
        ? Value[node]
        : ((Expected(Left[node]) * Cover[Left[node]]) + (Expected(Right[node]) * Cover[Right[node]])) / Cover[node];

    private int Depth(int node) =>
        (Flags[node] & LeafFlag) != 0 ? 0 : 1 + Math.Max(Depth(Left[node]), Depth(Right[node]));
}
