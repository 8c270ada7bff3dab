namespace Beacon.Learning.Boosting;

/// <summary>Seeded row and feature subsampling; the draws depend only on the seed and the sizes.</summary>
internal static class Sampling
{
    /// <summary>Fills rows[0..k) with a sorted sample of k = fraction·n row indices (all rows when fraction is 1).</summary>
    public static int Rows(Random rng, int n, double fraction, int[] rows)
    {
        for (var i = 0; i < n; i++)
        {
            rows[i] = i;
        }

        if (fraction >= 1)
        {
            return n;
        }

        var k = Math.Max(1, (int)Math.Round(fraction * n));
        for (var i = 0; i < k; i++)
        {
            var j = i + rng.Next(n - i);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }

        // Sorted rows keep the histogram loop walking memory forward.
        Array.Sort(rows, 0, k);
        return k;
    }

    public static int[] Features(Random rng, int[] all, double fraction)
    {
        if (fraction >= 1)
        {
            return all;
        }

        var pool = (int[])all.Clone();
        var k = Math.Max(1, (int)Math.Round(fraction * all.Length));
        for (var i = 0; i < k; i++)
        {
            var j = i + rng.Next(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        var chosen = pool[..k];
        Array.Sort(chosen);
        return chosen;
    }
}
