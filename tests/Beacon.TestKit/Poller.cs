namespace Beacon.TestKit;

/// <summary>Eventually-consistent assertions: ask again until the answer is right or the deadline passes.</summary>
public static class Poller
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null,
        string? because = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < limit);

        throw new TimeoutException($"Still not done after {limit}: {because} (last: {last})");
    }
}
