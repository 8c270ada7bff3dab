namespace Beacon.Learning.Boosting;

public sealed partial class TreeEnsemble
{
    /// <summary>
    /// One ensemble whose raw output is the mean of the members' raw outputs: all trees concatenated with leaf values
    /// divided by the member count. Being a plain ensemble, it keeps exact contributions.
    /// </summary>
    public static TreeEnsemble Average(IReadOnlyList<TreeEnsemble> members)
    {
        if (members.Count == 1)
        {
            return members[0];
        }

        var scale = 1.0 / members.Count;
        var roots = new List<int>();
        var feature = new List<int>();
        var threshold = new List<double>();
        var left = new List<int>();
        var right = new List<int>();
        var flags = new List<byte>();
        var value = new List<double>();
        var cover = new List<double>();
        var catOffset = new List<int>();
        var catCount = new List<int>();
        var catBits = new List<ulong>();
        double baseScore = 0;
        foreach (var m in members)
        {
            var nodeBase = feature.Count;
            var catBase = catBits.Count;
            baseScore += m.BaseScore * scale;
            roots.AddRange(m.TreeRoots.Select(r => r + nodeBase));
            feature.AddRange(m.Feature);
            threshold.AddRange(m.Threshold);
            left.AddRange(m.Left.Select(i => i < 0 ? i : i + nodeBase));
            right.AddRange(m.Right.Select(i => i < 0 ? i : i + nodeBase));
            flags.AddRange(m.Flags);
            value.AddRange(m.Value.Select(v => v * scale));
            cover.AddRange(m.Cover);
            catOffset.AddRange(m.CatOffset.Select((o, i) => (m.Flags[i] & CategoricalFlag) != 0 ? o + catBase : 0));
            catCount.AddRange(m.CatCount);
            catBits.AddRange(m.CatBits);
        }

        return new TreeEnsemble(members[0].FeatureCount, baseScore, [.. roots], [.. feature], [.. threshold], [.. left],
            [.. right], [.. flags], [.. value], [.. cover], [.. catOffset], [.. catCount], [.. catBits]);
    }
}
