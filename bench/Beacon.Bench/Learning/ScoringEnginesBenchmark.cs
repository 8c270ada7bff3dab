using Beacon.Learning;
using Beacon.Learning.Evaluation;
using Beacon.Learning.LightGbm;
using Beacon.Learning.Metrics;
using static Beacon.Bench.Learning.BenchStats;

namespace Beacon.Bench.Learning;

/// <summary>
/// Beacon's own booster and LightGBM (ML.NET) side by side on the same folds of the real leads data (no_leak features),
/// through the same protocol (inner folds, early stopping, fold average, isotonic calibration): ROC AUC with its
/// DeLong interval, ECE, train time, predict and explain (TreeSHAP) µs per lead. The figures of ADR 0010.
/// </summary>
internal sealed class ScoringEnginesBenchmark : IBenchmark
{
    private const string Leak = "Tags,Lead Quality,Lead Profile,Last Activity,Last Notable Activity,Asymmetrique Activity Index," +
                                "Asymmetrique Profile Index,Asymmetrique Activity Score,Asymmetrique Profile Score";

    public string Name => "scoring";

    public string Description => "Beacon's booster vs LightGBM (ML.NET) on the same folds of Leads.csv [--split cv5|holdout --data DIR --lightgbm-threads 1]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new Platform.BenchArgs(args);
        var data = o.Value("--data") ?? Environment.GetEnvironmentVariable("BEACON_SHARED_DATA") ?? DefaultData();
        var split = o.Value("--split") ?? "cv5";
        var leads = Path.Combine(data, "leads-x-education", "Leads.csv");
        if (!File.Exists(leads) || split is not ("cv5" or "holdout"))
        {
            Console.WriteLine($"error: needs {leads} (--data DIR) and --split cv5|holdout");
            return Task.FromResult(2);
        }

        string[] splitArgs = split == "cv5" ? ["--split", "cv5"]
            : ["--split-from", Path.Combine(data, "reference", "leads_x_education_no_leak_preds.csv"), "--split-column", "split_holdout"];
        var a = EvalArguments.Parse(["--csv", leads, "--target", "Converted", "--id", "Prospect ID", "--drop", "Lead Number," + Leak, .. splitArgs]);
        var input = EvalInput.Load(a, cancellationToken);
        var lightGbmThreads = o.Int("--lightgbm-threads", new LightGbmOptions().Threads);
        Console.WriteLine($"load average before: {Platform.BenchArgs.LoadAverage()}");
        Console.WriteLine($"data: {input.Data.RowCount} leads, {input.Data.FeatureCount} features (no_leak), split {split} ({input.Folds.Count} fold(s)), {Environment.ProcessorCount} threads for gbt, {lightGbmThreads} for lightgbm");
        var gbtOptions = EvalModels.Options(a);
        var lightGbm = new LightGbmTrainer(new LightGbmOptions { Threads = lightGbmThreads });
        var runs = new[]
        {
            EngineRun.Measure("gbt (Beacon)", input, gbtOptions, cancellationToken),
            EngineRun.Measure("lightgbm", input, gbtOptions with { Trees = lightGbm }, cancellationToken),
        };
        Console.WriteLine();
        Console.WriteLine("| engine | ROC AUC pooled (95 % DeLong) | ROC AUC mean ± sd | ECE mean | train s per fit (CPU s) | trees (leaves/tree) | predict µs/lead wall (CPU) | explain µs/lead wall (CPU) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
        {
            Console.WriteLine($"| {r.Name} | {F(r.Pooled.Auc, "0.0000")} ({F(r.Pooled.Lower, "0.0000")}–{F(r.Pooled.Upper, "0.0000")}) " +
                              $"| {F(r.FoldAuc.Average(), "0.0000")} ± {F(Sd(r.FoldAuc), "0.0000")} | {F(r.FoldEce.Average(), "0.0000")} " +
                              $"| {F(r.TrainSeconds, "0.00")} ({F(r.TrainCpuSeconds, "0.00")}) | {F(r.Trees, "0")} ({F(r.Leaves, "0.0")}) " +
                              $"| {F(r.Predict.Wall, "0.0")} ({F(r.Predict.Cpu, "0.0")}) | {F(r.Explain.Wall, "0.0")} ({F(r.Explain.Cpu, "0.0")}) |");
        }

        NativePredict(input, lightGbm.Options, cancellationToken);
        Console.WriteLine($"load average after: {Platform.BenchArgs.LoadAverage()}");
        return Task.FromResult(0);
    }

    /// <summary>ML.NET's own prediction engine against Beacon's walk of the very same LightGBM trees (fold 1, 300 trees).</summary>
    private static void NativePredict(EvalInput input, LightGbmOptions options, CancellationToken ct)
    {
        var (train, test) = input.Folds[0];
        var trainData = input.Data.Subset(train);
        var fit = LightGbmFit.Train(trainData, null, options with { Iterations = 300 }, seed: 42, ct);
        var trees = fit.ToEnsemble(trainData);
        var engine = fit.CreateEngine();
        var rows = test.Select(input.Data.GetRow).ToArray();
        var native = EngineRun.PerRow(rows, 5, r => engine.Predict(fit.Row(r)).Score);
        var walk = EngineRun.PerRow(rows, 5, r => trees.PredictRaw(r));
        Console.WriteLine($"same {trees.TreeCount} LightGBM trees, raw score per lead: ML.NET PredictionEngine {F(native.Wall, "0.0")} µs wall " +
                          $"({F(native.Cpu, "0.0")} CPU), Beacon's tree walk {F(walk.Wall, "0.0")} µs wall ({F(walk.Cpu, "0.0")} CPU)");
    }

    private static double Sd(double[] v)
    {
        var mean = v.Average();
        return v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    private static string DefaultData()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "data"));
    }
}
