namespace Beacon.Learning.Metrics;

/// <summary>Binary-classification metrics on predicted P(y = 1); labels are 0/1.</summary>
public static class ClassificationMetrics
{
    private const double Eps = 1e-15;

    /// <summary>ROC AUC via the rank-sum statistic; tied scores get their average rank.</summary>
    public static double RocAuc(ReadOnlySpan<double> labels, ReadOnlySpan<double> scores)
    {
        var order = SortedIndex(scores);
        double pos = 0, rankSumPos = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var avgRank = ((i + j) / 2.0) + 1.0;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]] > 0.5)
                {
                    pos++;
                    rankSumPos += avgRank;
                }
            }

            i = j + 1;
        }

        var neg = order.Length - pos;
        if (pos == 0 || neg == 0)
        {
            return double.NaN;
        }

        return (rankSumPos - (pos * (pos + 1) / 2.0)) / (pos * neg);
    }

    /// <summary>Average precision (area under the precision-recall curve, step-wise, as scikit-learn computes it).</summary>
    public static double AveragePrecision(ReadOnlySpan<double> labels, ReadOnlySpan<double> scores)
    {
        var order = SortedIndex(scores);
        double totalPos = 0;
        foreach (var y in labels)
        {
            totalPos += y > 0.5 ? 1 : 0;
        }

        if (totalPos == 0)
        {
            return double.NaN;
        }

        double tp = 0, fp = 0, prevRecall = 0, ap = 0;
        var i = order.Length - 1;
        while (i >= 0)
        {
            // Descending by score; a block of tied scores is one threshold.
            var j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]])
            {
                j--;
            }

            for (var k = j; k <= i; k++)
            {
                if (labels[order[k]] > 0.5)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }

            var recall = tp / totalPos;
            ap += (recall - prevRecall) * (tp / (tp + fp));
            prevRecall = recall;
            i = j - 1;
        }

        return ap;
    }

    public static double LogLoss(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities)
    {
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], Eps, 1 - Eps);
            sum -= labels[i] > 0.5 ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / labels.Length;
    }

    public static double Brier(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities)
    {
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var d = probabilities[i] - labels[i];
            sum += d * d;
        }

        return sum / labels.Length;
    }

    /// <summary>Expected calibration error over equal-width bins: weighted |mean(y) - mean(p)|.</summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities, int bins = 10)
    {
        double ece = 0;
        foreach (var bin in Reliability.Table(labels, probabilities, bins))
        {
            ece += (double)bin.Count / labels.Length * Math.Abs(bin.ObservedRate - bin.MeanPredicted);
        }

        return ece;
    }

    /// <summary>Ascending-score order of the row indices (stable, so results are deterministic).</summary>
    internal static int[] SortedIndex(ReadOnlySpan<double> scores)
    {
        var idx = new int[scores.Length];
        var keys = scores.ToArray();
        for (var i = 0; i < idx.Length; i++)
        {
            idx[i] = i;
        }

        Array.Sort(keys, idx);
        return idx;
    }
}
