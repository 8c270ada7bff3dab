namespace Beacon.Learning.Boosting;

/// <summary>Appends grown trees into the flat arrays of a <see cref="TreeEnsemble"/>.</summary>
internal sealed class EnsembleBuilder(int featureCount, double baseScore)
{
    private readonly List<int> _roots = [];
    private readonly List<int> _feature = [];
    private readonly List<double> _threshold = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<byte> _flags = [];
    private readonly List<double> _value = [];
    private readonly List<double> _cover = [];
    private readonly List<int> _catOffset = [];
    private readonly List<int> _catCount = [];
    private readonly List<ulong> _catBits = [];

    public int TreeCount => _roots.Count;

    public void Add(List<TreeNode> nodes)
    {
        var baseIndex = _feature.Count;
        _roots.Add(baseIndex);
        foreach (var n in nodes)
        {
            var flags = (byte)((n.IsLeaf ? TreeEnsemble.LeafFlag : 0) | (n.MissingLeft ? TreeEnsemble.MissingLeftFlag : 0) |
                               (n.IsCategorical ? TreeEnsemble.CategoricalFlag : 0));
            _feature.Add(n.IsLeaf ? -1 : n.Feature);
            _threshold.Add(n.Threshold);
            _left.Add(n.IsLeaf ? -1 : baseIndex + n.Left);
            _right.Add(n.IsLeaf ? -1 : baseIndex + n.Right);
            _flags.Add(flags);
            _value.Add(n.IsLeaf ? n.Value : 0);
            _cover.Add(n.Cover);
            _catOffset.Add(n.IsCategorical ? _catBits.Count : 0);
            _catCount.Add(n.IsCategorical ? n.CodeCount : 0);
            if (n.IsCategorical)
            {
                _catBits.AddRange(n.LeftCodes);
            }
        }
    }

    /// <summary>Keeps only the first <paramref name="trees"/> trees (early stopping's best iteration).</summary>
    public void Truncate(int trees)
    {
        if (trees >= _roots.Count)
        {
            return;
        }

        var nodeEnd = _roots[trees];
        var catEnd = _catBits.Count;
        for (var i = nodeEnd; i < _feature.Count; i++)
        {
            if ((_flags[i] & TreeEnsemble.CategoricalFlag) != 0)
            {
                catEnd = Math.Min(catEnd, _catOffset[i]);
            }
        }

        _roots.RemoveRange(trees, _roots.Count - trees);
        foreach (var list in new System.Collections.IList[] { _feature, _threshold, _left, _right, _flags, _value, _cover, _catOffset, _catCount })
        {
            while (list.Count > nodeEnd)
            {
                list.RemoveAt(list.Count - 1);
            }
        }

        _catBits.RemoveRange(catEnd, _catBits.Count - catEnd);
    }

    public TreeEnsemble Build() => new(featureCount, baseScore, [.. _roots], [.. _feature], [.. _threshold], [.. _left],
        [.. _right], [.. _flags], [.. _value], [.. _cover], [.. _catOffset], [.. _catCount], [.. _catBits]);
}
