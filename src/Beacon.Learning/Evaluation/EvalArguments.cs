using System.Globalization;

namespace Beacon.Learning.Evaluation;

/// <summary>The command line of <see cref="ModelEvalCommand"/>.</summary>
internal sealed record EvalArguments
{
    public const string Usage =
        "usage: model eval --csv FILE --target COL [--id COL] [--drop COLS] [--split holdout|temporal|cv5] " +
        "[--order COL] [--seed 42] [--split-from FILE --split-column COL] [--out preds.csv] [--model gbt|logistic|lightgbm] " +
        "[--calibration isotonic|platt|none] [--gbt Name=value,...] [--inner-folds 5] [--positive VALUE] [--min-auc 0.55]";

    public string Csv { get; init; } = "";

    public string Target { get; init; } = "";

    public string? Id { get; init; }

    public IReadOnlyList<string> Drop { get; init; } = [];

    public string Split { get; init; } = "holdout";

    public string? Order { get; init; }

    public int Seed { get; init; } = 42;

    public string? SplitFrom { get; init; }

    public string? SplitColumn { get; init; }

    public string? Out { get; init; }

    public string Model { get; init; } = "gbt";

    /// <summary>The engine behind <c>--model lightgbm</c>, handed in by the host (null where the host has none).</summary>
    public ITreeTrainer? LightGbm { get; init; }

    public string Calibration { get; init; } = "isotonic";

    /// <summary>Overrides of the boosting options, "Name=value,Name=value" (for experiments on training rows).</summary>
    public string? Gbt { get; init; }

    public int InnerFolds { get; init; } = 5;

    /// <summary>The target value that counts as positive (all others negative); needed unless the target is 0/1, yes/no….</summary>
    public string? Positive { get; init; }

    /// <summary>The publish gate's floor on ROC AUC (the server's default unless told otherwise).</summary>
    public double MinAuc { get; init; } = PublishGate.DefaultMinAuc;

    public static EvalArguments Parse(string[] args)
    {
        var a = new EvalArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var key = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{key} needs a value.");
            a = key switch
            {
                "--csv" => a with { Csv = Next() },
                "--target" => a with { Target = Next() },
                "--id" => a with { Id = Next() },
                "--drop" => a with { Drop = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--split" => a with { Split = Next() },
                "--order" => a with { Order = Next() },
                "--seed" => a with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--split-from" => a with { SplitFrom = Next() },
                "--split-column" => a with { SplitColumn = Next() },
                "--out" => a with { Out = Next() },
                "--model" => a with { Model = Next() },
                "--calibration" => a with { Calibration = Next() },
                "--gbt" => a with { Gbt = Next() },
                "--inner-folds" => a with { InnerFolds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--positive" => a with { Positive = Next() },
                "--min-auc" => a with { MinAuc = Number(key, Next()) },
                _ => throw new ArgumentException($"Unknown option '{key}'."),
            };
        }

        if (a.Csv.Length == 0 || a.Target.Length == 0)
        {
            throw new ArgumentException("--csv and --target are required.");
        }

        if (a.Split is not ("holdout" or "temporal" or "cv5"))
        {
            throw new ArgumentException("--split must be holdout, temporal or cv5.");
        }

        if (a.Split == "temporal" && a.Order is null && a.SplitFrom is null)
        {
            throw new ArgumentException("--split temporal needs --order COL.");
        }

        if ((a.SplitFrom is null) != (a.SplitColumn is null))
        {
            throw new ArgumentException("--split-from and --split-column go together.");
        }

        if (a.SplitFrom is not null && a.Id is null)
        {
            throw new ArgumentException("--split-from needs --id COL to match rows.");
        }

        if (a.MinAuc is < 0.5 or > 1)
        {
            throw new ArgumentException("--min-auc must be between 0.5 and 1.");
        }

        if (a.Model is not ("gbt" or "logistic" or "lightgbm"))
        {
            throw new ArgumentException("--model must be gbt, logistic or lightgbm.");
        }

        if (a.Model == "lightgbm" && a.Split == "temporal" && a.SplitFrom is null)
        {
            // A temporal split picks between the server's own engines (gbt or logistic) as the server does.
            throw new ArgumentException("--model lightgbm runs on holdout, cv5 or --split-from folds, not --split temporal.");
        }

        if (a.Model == "lightgbm" && a.Gbt is not null)
        {
            throw new ArgumentException("--gbt overrides Beacon's booster; it does not apply to --model lightgbm.");
        }

        return a;
    }

    private static double Number(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new ArgumentException($"{key} needs a number, not '{value}'.");
}
