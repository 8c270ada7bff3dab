namespace Beacon.Enrichment.Pipeline;

/// <summary>Exponential backoff with full jitter, never shorter than what the provider asked for (Retry-After).</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter, Random random)
    {
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        var jittered = TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }
}
