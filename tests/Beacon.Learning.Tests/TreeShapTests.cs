using Beacon.Learning.Boosting;

namespace Beacon.Learning.Tests;

public sealed class TreeShapTests
{
    [Fact]
    public void Contributions_sum_to_log_odds_for_every_row()
    {
        var model = GbtTrainer.Train(TestData.Mixed(3000, seed: 11),
            new GbtOptions { Iterations = 80, MaxDepth = 6, MaxLeaves = 40, RowSubsample = 0.8, FeatureSubsample = 0.75, EarlyStoppingRounds = 0 });
        var test = TestData.Mixed(1000, seed: 12);
        var row = new double[4];
        var phi = new double[4];
        for (var i = 0; i < test.RowCount; i++)
        {
            test.CopyRow(i, row);
            var bias = model.Contributions(row, phi);
            (bias + phi.Sum()).ShouldBe(model.PredictRaw(row), 1e-6);
        }
    }

    [Fact]
    public void Contributions_equal_brute_force_shapley_values_of_the_path_dependent_expectation()
    {
        var model = GbtTrainer.Train(TestData.Mixed(1500, seed: 13),
            new GbtOptions { Iterations = 10, MaxDepth = 5, MaxLeaves = 20, EarlyStoppingRounds = 0 });
        var test = TestData.Mixed(30, seed: 14);
        var row = new double[4];
        var phi = new double[4];
        for (var i = 0; i < test.RowCount; i++)
        {
            test.CopyRow(i, row);
            model.Contributions(row, phi);
            var exact = BruteForceShapley(model, row);
            for (var f = 0; f < 4; f++)
            {
                phi[f].ShouldBe(exact[f], 1e-9);
            }
        }
    }

    [Fact]
    public void Quadrature_and_lundberg_recursions_agree_on_deep_trees_with_repeated_features()
    {
        var model = GbtTrainer.Train(TestData.Mixed(3000, seed: 16),
            new GbtOptions { Iterations = 40, MaxDepth = 8, MaxLeaves = 60, MinSamplesLeaf = 5, EarlyStoppingRounds = 0 });
        model.MaxDepth.ShouldBe(8);
        var test = TestData.Mixed(300, seed: 17);
        var fast = new double[4];
        var reference = new double[4];
        for (var i = 0; i < test.RowCount; i++)
        {
            var row = test.GetRow(i);
            Explain.QuadratureTreeShap.Explain(model, model.ShapTables, row, fast).ShouldBe(Explain.TreeShap.Explain(model, row, reference), 1e-9);
            for (var f = 0; f < 4; f++)
            {
                fast[f].ShouldBe(reference[f], 1e-9);
            }
        }
    }

    [Fact]
    public void A_feature_the_trees_never_use_gets_zero_contribution()
    {
        var data = TestData.Mixed(2000, seed: 15);
        var model = GbtTrainer.Train(data, new GbtOptions { Iterations = 30, MaxLeaves = 8, MinSamplesLeaf = 400, EarlyStoppingRounds = 0 });
        var phi = new double[4];
        var used = new bool[4];
        foreach (var f in model.Feature.Where(f => f >= 0))
        {
            used[f] = true;
        }

        model.Contributions(data.GetRow(0), phi);
        for (var f = 0; f < 4; f++)
        {
            if (!used[f])
            {
                phi[f].ShouldBe(0);
            }
        }
    }

    // Shapley values of E[f(x) | x_S] where absent features average the children by training cover (Lundberg's Algorithm 1).
    private static double[] BruteForceShapley(TreeEnsemble m, double[] x)
    {
        var n = x.Length;
        var phi = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var mask = 0; mask < 1 << n; mask++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    continue;
                }

                var s = System.Numerics.BitOperations.PopCount((uint)mask);
                var weight = Factorial(s) * Factorial(n - s - 1) / Factorial(n);
                phi[i] += weight * (Expected(m, x, mask | (1 << i)) - Expected(m, x, mask));
            }
        }

        return phi;
    }

    private static double Expected(TreeEnsemble m, double[] x, int mask) =>
        m.TreeRoots.Sum(root => Node(m, x, mask, root));

    private static double Node(TreeEnsemble m, double[] x, int mask, int node)
    {
        if ((m.Flags[node] & TreeEnsemble.LeafFlag) != 0)
        {
            return m.Value[node];
        }

        var f = m.Feature[node];
        if ((mask & (1 << f)) != 0)
        {
            return Node(m, x, mask, m.GoesLeft(node, x[f]) ? m.Left[node] : m.Right[node]);
        }

        var l = m.Left[node];
        var r = m.Right[node];
        return ((Node(m, x, mask, l) * m.Cover[l]) + (Node(m, x, mask, r) * m.Cover[r])) / m.Cover[node];
    }

    private static double Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);
}
