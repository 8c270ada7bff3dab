using System.Diagnostics;
using Beacon.Learning;
using Beacon.Learning.Evaluation;
using Beacon.Learning.Metrics;

namespace Beacon.Bench.Learning;

/// <summary>One engine trained and timed on every fold of an evaluation input: the figures of one row of the table.</summary>
internal sealed record EngineRun(string Name, GateVerdict Pooled, double[] FoldAuc, double[] FoldEce, double TrainSeconds,
    double TrainCpuSeconds, double Trees, double Leaves, (double Wall, double Cpu) Predict, (double Wall, double Cpu) Explain)
{
    public static EngineRun Measure(string name, EvalInput input, ModelTrainingOptions options, CancellationToken ct)
    {
        var data = input.Data;
        var labels = new List<double>();
        var probabilities = new List<double>();
        var auc = new List<double>();
        var ece = new List<double>();
        var predict = new List<double>();
        var explain = new List<double>();
        var predictCpu = new List<double>();
        var explainCpu = new List<double>();
        double train = 0, cpu = 0, trees = 0, leaves = 0;
        foreach (var (trainRows, testRows) in input.Folds)
        {
            var trainData = data.Subset(trainRows);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var model = ModelTrainer.Train(trainData, options, ct);
            train += clock.Elapsed.TotalSeconds;
            cpu += (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            if (model.Scorer is Beacon.Learning.Boosting.TreeEnsemble e)
            {
                trees += e.TreeCount;
                leaves += e.NodeCount - ((e.NodeCount - e.TreeCount) / 2);
            }

            var test = data.Subset(testRows);
            var rows = Enumerable.Range(0, test.RowCount).Select(test.GetRow).ToArray();
            var p = rows.Select(r => model.PredictProbability(r)).ToArray();
            var report = MetricReport.Compute(test.Labels, p);
            auc.Add(report.RocAuc);
            ece.Add(report.Ece);
            labels.AddRange(test.Labels);
            probabilities.AddRange(p);
            var (wall, cpuPerRow) = PerRow(rows, 5, r => model.PredictProbability(r));
            predict.Add(wall);
            predictCpu.Add(cpuPerRow);
            var phi = new double[data.FeatureCount];
            (wall, cpuPerRow) = PerRow(rows, 5, r => model.Contributions(r, phi));
            explain.Add(wall);
            explainCpu.Add(cpuPerRow);
        }

        var folds = input.Folds.Count;
        return new EngineRun(name, PublishGate.Judge(labels, probabilities, PublishGate.DefaultMinAuc), [.. auc], [.. ece],
            train / folds, cpu / folds, trees / folds, leaves / trees,
            (BenchStats.Median(predict), BenchStats.Median(predictCpu)), (BenchStats.Median(explain), BenchStats.Median(explainCpu)));
    }

    /// <summary>
    /// µs per row: the fastest of <paramref name="passes"/> passes over the test rows (wall), after one warm-up pass,
    /// and the median pass's CPU time (the machine is shared: wall time also counts waiting for a core).
    /// </summary>
    public static (double Wall, double Cpu) PerRow(double[][] rows, int passes, Func<double[], double> work)
    {
        double sink = 0;
        foreach (var r in rows)
        {
            sink += work(r);
        }

        var best = double.MaxValue;
        var cpu = new List<double>();
        for (var pass = 0; pass < passes; pass++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            foreach (var r in rows)
            {
                sink += work(r);
            }

            best = Math.Min(best, clock.Elapsed.TotalMicroseconds / rows.Length);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / rows.Length);
        }

        return double.IsNaN(sink) ? (double.NaN, double.NaN) : (best, BenchStats.Median(cpu));
    }
}
