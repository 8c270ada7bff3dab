using Beacon.Learning.Data;

namespace Beacon.Learning.Evaluation;

/// <summary>
/// The checked input of <c>model eval</c>: the table, the 0/1 labels by a printed rule, the encoded features and the
/// train/test folds. Anything that would make the metrics meaningless (no rows, one outcome, a test fold without
/// both outcomes, an unreadable order) is refused here with an <see cref="ArgumentException"/>, before any training.
/// </summary>
internal sealed record EvalInput(CsvTable Table, Dataset Data, IReadOnlyList<string> Rules, List<(int[] Train, int[] Test)> Folds)
{
    public static EvalInput Load(EvalArguments a, CancellationToken ct)
    {
        var table = CsvTable.Read(a.Csv, ct);
        var target = table.Column(a.Target);
        if (table.RowCount == 0)
        {
            throw new ArgumentException($"{Path.GetFileName(a.Csv)} has no data rows (only a header).");
        }

        var (labels, targetRule) = TargetRule.Read(a.Target, target, a.Positive);
        var rules = new List<string> { targetRule };
        var excluded = new HashSet<string>(a.Drop, StringComparer.Ordinal) { a.Target };
        if (a.Id is not null)
        {
            excluded.Add(a.Id);
            _ = table.Column(a.Id);
        }

        foreach (var d in a.Drop)
        {
            _ = table.Column(d);
        }

        double[]? order = null;
        var dates = false;
        if (a.Split == "temporal" && a.SplitFrom is null)
        {
            (order, dates) = OrderColumn.Read(a.Order!, table.Column(a.Order!));
        }

        var schema = TableEncoder.InferSchema(table, table.Headers.Where(h => !excluded.Contains(h)));
        var data = TableEncoder.Encode(table, schema, labels);
        var folds = EvalFolds.Build(a, table, labels, order);
        for (var k = 0; k < folds.Count; k++)
        {
            Require(folds[k].Test, labels, 2, $"The test rows of fold {k + 1}");
            Require(folds[k].Train, labels, a.InnerFolds, $"The training rows of fold {k + 1}");
        }

        if (order is not null)
        {
            rules.Add(OrderColumn.Describe(a.Order!, order, dates, folds[^1].Test));
        }

        return new EvalInput(table, data, rules, folds);
    }

    // DeLong's interval needs two rows of each outcome; each inner fold needs one of each to calibrate on.
    private static void Require(int[] rows, double[] labels, int min, string what)
    {
        var pos = rows.Count(i => labels[i] > 0.5);
        if (pos < min || rows.Length - pos < min)
        {
            throw new ArgumentException($"{what} hold {pos} positive and {rows.Length - pos} negative; at least {min} of each are needed (more rows, or another --split).");
        }
    }
}
