using Beacon.Learning.Data;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Beacon.Learning.Linear;

/// <summary>Options of the L2 logistic regression.</summary>
public sealed record LogisticOptions
{
    /// <summary>L2 penalty on the summed log loss (scikit-learn's 1/C).</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>Categorical levels seen fewer times in training share the "other" weight.</summary>
    public int MinCategoryCount { get; init; } = 10;

    public int MaxIterations { get; init; } = 2000;
}

/// <summary>Fits <see cref="LogisticModel"/> with MathNet's L-BFGS.</summary>
public static class LogisticTrainer
{
    public static LogisticModel Train(Dataset train, LogisticOptions? options = null)
    {
        options ??= new LogisticOptions();
        var design = LogisticDesign.Build(train, options.MinCategoryCount);
        var y = train.Labels;
        var p = design.Width;
        var n = train.RowCount;
        var objective = ObjectiveFunction.Gradient(w =>
        {
            var grad = new double[p + 1];
            double loss = 0;
            for (var i = 0; i < n; i++)
            {
                var z = w[p];
                var row = design.Row(i);
                foreach (var (col, val) in row)
                {
                    z += w[col] * val;
                }

                // log(1 + e^z) − y·z, computed stably.
                loss += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - (y[i] * z);
                var d = Boosting.Sigmoid.Of(z) - y[i];
                foreach (var (col, val) in row)
                {
                    grad[col] += d * val;
                }

                grad[p] += d;
            }

            for (var j = 0; j < p; j++)
            {
                loss += 0.5 * options.L2 * w[j] * w[j];
                grad[j] += options.L2 * w[j];
            }

            return (loss, Vector<double>.Build.DenseOfArray(grad));
        });
        var minimizer = new LimitedMemoryBfgsMinimizer(1e-6, 1e-12, 1e-12, 10, options.MaxIterations);
        var result = minimizer.FindMinimum(objective, Vector<double>.Build.Dense(p + 1));
        return design.ToModel(result.MinimizingPoint.ToArray());
    }
}
