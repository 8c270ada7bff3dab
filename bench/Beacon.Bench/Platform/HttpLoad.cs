using System.Diagnostics;

namespace Beacon.Bench.Platform;

/// <summary>One request of a load run; true when the answer was the expected one.</summary>
internal delegate Task<bool> Request(int worker, CancellationToken ct);

/// <summary>
/// Load drivers. Closed loop: C workers, each sends its next request when the previous one answered (throughput
/// at a concurrency). Open loop: requests scheduled at a fixed rate, latency measured from the scheduled send time,
/// so a stalled server is charged for every request it delayed (no coordinated omission).
/// </summary>
internal static class HttpLoad
{
    public static async Task<Summary> ClosedLoopAsync(int concurrency, TimeSpan duration, long maxRequests, Request request,
        CancellationToken ct)
    {
        var latencies = new Latencies();
        long issued = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var samples = new List<double>(1 << 16);
            long errors = 0;
            while (clock.Elapsed < duration && Interlocked.Increment(ref issued) <= maxRequests && !ct.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await SafeAsync(request, worker, ct);
                samples.Add(Latencies.Ms(start, Stopwatch.GetTimestamp()));
                errors += ok ? 0 : 1;
            }

            latencies.Add(samples, errors);
        }, ct)));
        return latencies.Summarise(clock.Elapsed);
    }

    /// <summary>
    /// Sends <paramref name="rate"/> requests per second for <paramref name="duration"/>; the run's duration is until
    /// the last answer. Also reports how late the dispatcher itself was (a busy client machine shows up there).
    /// </summary>
    public static async Task<(Summary Summary, double DispatchLagP99)> OpenLoopAsync(double rate, TimeSpan duration, Request request,
        CancellationToken ct)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var latency = new double[total];
        var ok = new bool[total];
        var lag = new double[total];
        var inFlight = new List<Task>((int)Math.Min(total, int.MaxValue));
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        long next = 0;
        while (next < total && !ct.IsCancellationRequested)
        {
            var due = Math.Min(total, (long)((Stopwatch.GetTimestamp() - start) / interval) + 1);
            for (; next < due; next++)
            {
                var i = next;
                var scheduled = start + (long)(i * interval);
                lag[i] = Latencies.Ms(scheduled, Stopwatch.GetTimestamp());
                inFlight.Add(Task.Run(async () =>
                {
                    ok[i] = await SafeAsync(request, (int)(i % 1024), ct);
                    latency[i] = Latencies.Ms(scheduled, Stopwatch.GetTimestamp());
                }, ct));
            }

            // No spinning (it would steal a core from the server): sleep at least 1 ms, then send what fell due.
            var sleepTicks = start + (long)(next * interval) - Stopwatch.GetTimestamp();
            var sleep = TimeSpan.FromTicks(Math.Max(sleepTicks, 0) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            await Task.Delay(sleep < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : sleep, ct);
        }

        await Task.WhenAll(inFlight);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var result = new Latencies();
        result.Add(latency.Take((int)next), ok.Take((int)next).LongCount(o => !o));
        Array.Sort(lag, 0, (int)next);
        return (result.Summarise(elapsed), Latencies.Percentile(lag[..(int)next], 99));
    }

    private static async Task<bool> SafeAsync(Request request, int worker, CancellationToken ct)
    {
        try
        {
            return await request(worker, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}
