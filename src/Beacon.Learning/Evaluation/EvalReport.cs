using System.Globalization;
using Beacon.Learning.Metrics;
using CsvHelper;

namespace Beacon.Learning.Evaluation;

internal sealed record EvalPrediction(string Id, int Fold, double Label, double Probability, double Raw);

/// <summary>Prints the metric lines (mean ± std over folds) and writes per-row predictions.</summary>
internal static class EvalReport
{
    public static void Write(TextWriter output, List<MetricReport> reports)
    {
        Line(output, "ROC AUC", reports.Select(r => r.RocAuc).ToArray());
        Line(output, "PR AUC", reports.Select(r => r.PrAuc).ToArray());
        Line(output, "Log loss", reports.Select(r => r.LogLoss).ToArray());
        Line(output, "Brier", reports.Select(r => r.Brier).ToArray());
        Line(output, "ECE", reports.Select(r => r.Ece).ToArray());
    }

    public static void WritePredictions(string path, List<EvalPrediction> preds)
    {
        using var writer = CsvWriter.ToFile(path, null);
        writer.WriteRecord(["id", "fold", "label", "p", "raw"]);
        foreach (var p in preds)
        {
            writer.WriteField(p.Id);
            writer.WriteField(p.Fold, "");
            writer.WriteField((int)p.Label, "");
            writer.WriteField(p.Probability, "0.######");
            writer.WriteField(p.Raw, "0.######");
            writer.EndRecord();
        }

        writer.Flush();
    }

    private static void Line(TextWriter output, string name, double[] values)
    {
        var mean = values.Average();
        if (values.Length == 1)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {mean:0.0000}"));
            return;
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {mean:0.0000} (± {sd:0.0000} over {values.Length} folds)"));
    }
}
