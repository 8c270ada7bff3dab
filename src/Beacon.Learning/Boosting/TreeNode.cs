namespace Beacon.Learning.Boosting;

/// <summary>A node of a tree while it is grown; flattened into <see cref="TreeEnsemble"/> afterwards.</summary>
internal sealed class TreeNode
{
    public int Feature { get; set; } = -1;

    public bool IsLeaf => Left < 0;

    public int Left { get; set; } = -1;

    public int Right { get; set; } = -1;

    public double Value { get; set; }

    public double Cover { get; set; }

    /// <summary>Numeric: x ≤ Threshold goes left.</summary>
    public double Threshold { get; set; }

    public bool MissingLeft { get; set; }

    public bool IsCategorical { get; set; }

    /// <summary>Categorical: bit c set ⇔ category code c goes left; the last code stands for unseen categories.</summary>
    public ulong[] LeftCodes { get; set; } = [];

    public int CodeCount { get; set; }

    public SplitCandidate? Split { get; set; }
}
