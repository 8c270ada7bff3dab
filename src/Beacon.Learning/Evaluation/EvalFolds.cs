using Beacon.Learning.Data;

namespace Beacon.Learning.Evaluation;

/// <summary>Turns the split options into (train rows, test rows) pairs.</summary>
internal static class EvalFolds
{
    public static List<(int[] Train, int[] Test)> Build(EvalArguments args, CsvTable table, double[] labels, double[]? order)
    {
        var n = labels.Length;
        if (args.SplitFrom is not null)
        {
            return [FromFile(args, table)];
        }

        switch (args.Split)
        {
            case "cv5":
                var fold = Splits.StratifiedFolds(labels, 5, args.Seed);
                return [.. Enumerable.Range(0, 5).Select(k => Pair(n, i => fold[i] == k))];
            case "temporal":
                var late = Splits.Temporal(order!, 0.8);
                return [Pair(n, i => late[i])];
            default:
                var test = Splits.StratifiedHoldout(labels, 0.2, args.Seed);
                return [Pair(n, i => test[i])];
        }
    }

    private static (int[] Train, int[] Test) Pair(int n, Func<int, bool> isTest) =>
        (Enumerable.Range(0, n).Where(i => !isTest(i)).ToArray(), Enumerable.Range(0, n).Where(isTest).ToArray());

    private static (int[] Train, int[] Test) FromFile(EvalArguments args, CsvTable table)
    {
        var other = CsvTable.Read(args.SplitFrom!);
        var idName = other.HasColumn(args.Id!) ? args.Id! : other.Headers[0];
        var ids = other.Column(idName);
        var membership = other.Column(args.SplitColumn!);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            map[ids[i]] = membership[i].Trim().ToLowerInvariant();
        }

        var ours = table.Column(args.Id!);
        var train = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < ours.Length; i++)
        {
            if (map.TryGetValue(ours[i], out var m))
            {
                (m == "test" ? test : m == "train" ? train : null)?.Add(i);
            }
        }

        if (train.Count == 0 || test.Count == 0)
        {
            throw new ArgumentException($"No rows of {args.Csv} matched train/test ids in {args.SplitFrom} ({idName}, {args.SplitColumn}).");
        }

        return ([.. train], [.. test]);
    }
}
