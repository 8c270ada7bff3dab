namespace Beacon.Learning.Evaluation;

/// <summary>Seeded train/test splits: stratified holdout, stratified k-fold and first-80%-by-order.</summary>
public static class Splits
{
    /// <summary>True for test rows: a stratified <paramref name="testFraction"/> of each class.</summary>
    public static bool[] StratifiedHoldout(IReadOnlyList<double> labels, double testFraction, int seed)
    {
        var isTest = new bool[labels.Count];
        var rng = new Random(seed);
        foreach (var cls in ClassRows(labels))
        {
            Shuffle(cls, rng);
            var k = (int)Math.Round(testFraction * cls.Length);
            for (var i = 0; i < k; i++)
            {
                isTest[cls[i]] = true;
            }
        }

        return isTest;
    }

    /// <summary>Fold number 0..k-1 per row; each fold holds about 1/k of each class.</summary>
    public static int[] StratifiedFolds(IReadOnlyList<double> labels, int k, int seed)
    {
        var fold = new int[labels.Count];
        var rng = new Random(seed);
        var offset = 0;
        foreach (var cls in ClassRows(labels))
        {
            Shuffle(cls, rng);
            for (var i = 0; i < cls.Length; i++)
            {
                // Continue the round-robin across classes so fold sizes stay within one row of each other.
                fold[cls[i]] = (i + offset) % k;
            }

            offset += cls.Length;
        }

        return fold;
    }

    /// <summary>True for test rows: the last (1 − trainFraction) of rows when ordered by <paramref name="order"/>.</summary>
    public static bool[] Temporal(IReadOnlyList<double> order, double trainFraction)
    {
        var idx = Enumerable.Range(0, order.Count).OrderBy(i => order[i]).ThenBy(i => i).ToArray();
        var cut = (int)Math.Round(trainFraction * idx.Length);
        var isTest = new bool[order.Count];
        for (var i = cut; i < idx.Length; i++)
        {
            isTest[idx[i]] = true;
        }

        return isTest;
    }

    private static IEnumerable<int[]> ClassRows(IReadOnlyList<double> labels)
    {
        yield return Enumerable.Range(0, labels.Count).Where(i => labels[i] <= 0.5).ToArray();
        yield return Enumerable.Range(0, labels.Count).Where(i => labels[i] > 0.5).ToArray();
    }

    private static void Shuffle(int[] a, Random rng)
    {
        for (var i = a.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }
}
