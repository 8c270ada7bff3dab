using System.Globalization;
using Beacon.Learning.Boosting;

namespace Beacon.Learning.Evaluation;

/// <summary>Applies "Name=value" overrides to <see cref="GbtOptions"/> by property name.</summary>
internal static class GbtOverrides
{
    public static GbtOptions Apply(GbtOptions options, string? overrides)
    {
        if (string.IsNullOrWhiteSpace(overrides))
        {
            return options;
        }

        foreach (var pair in overrides.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            var v = parts.Length == 2 ? parts[1] : throw new ArgumentException($"Bad --gbt entry '{pair}'.");
            double D() => double.Parse(v, CultureInfo.InvariantCulture);
            int I() => int.Parse(v, CultureInfo.InvariantCulture);
            options = parts[0] switch
            {
                nameof(GbtOptions.Iterations) => options with { Iterations = I() },
                nameof(GbtOptions.LearningRate) => options with { LearningRate = D() },
                nameof(GbtOptions.MaxDepth) => options with { MaxDepth = I() },
                nameof(GbtOptions.MaxLeaves) => options with { MaxLeaves = I() },
                nameof(GbtOptions.MinSamplesLeaf) => options with { MinSamplesLeaf = I() },
                nameof(GbtOptions.L2) => options with { L2 = D() },
                nameof(GbtOptions.RowSubsample) => options with { RowSubsample = D() },
                nameof(GbtOptions.FeatureSubsample) => options with { FeatureSubsample = D() },
                nameof(GbtOptions.EarlyStoppingRounds) => options with { EarlyStoppingRounds = I() },
                nameof(GbtOptions.MinCategoryCount) => options with { MinCategoryCount = I() },
                nameof(GbtOptions.CategorySmoothing) => options with { CategorySmoothing = D() },
                nameof(GbtOptions.MaxCategoriesPerSplit) => options with { MaxCategoriesPerSplit = I() },
                nameof(GbtOptions.CategoryL2) => options with { CategoryL2 = D() },
                nameof(GbtOptions.MaxBins) => options with { MaxBins = I() },
                _ => throw new ArgumentException($"Unknown boosting option '{parts[0]}'."),
            };
        }

        return options;
    }
}
