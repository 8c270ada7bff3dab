using System.Diagnostics;

namespace Beacon.Bench.Live.Transports;

/// <summary>When each client received each broadcast: one row per broadcast, one slot per client.</summary>
internal sealed class Arrivals(int broadcasts, int clients)
{
    private readonly long[][] _at = Enumerable.Range(0, broadcasts).Select(_ => new long[clients]).ToArray();
    private readonly int[] _remaining = Enumerable.Repeat(clients, broadcasts).ToArray();
    private readonly TaskCompletionSource[] _done = Enumerable.Range(0, broadcasts)
        .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

    public void Record(int client, int broadcast)
    {
        if (broadcast < 0 || broadcast >= _at.Length || Interlocked.CompareExchange(ref _at[broadcast][client], Stopwatch.GetTimestamp(), 0) != 0)
        {
            return;
        }

        if (Interlocked.Decrement(ref _remaining[broadcast]) == 0)
        {
            _done[broadcast].TrySetResult();
        }
    }

    /// <summary>Waits until every client has broadcast <paramref name="broadcast"/>; false when some never got it.</summary>
    public async Task<bool> WaitAsync(int broadcast, TimeSpan timeout)
    {
        try
        {
            await _done[broadcast].Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Milliseconds from <paramref name="sentAt"/> to each client's arrival (missing arrivals left out).</summary>
    public double[] Latencies(int broadcast, long sentAt) =>
        _at[broadcast].Where(t => t != 0).Select(t => Stopwatch.GetElapsedTime(sentAt, t).TotalMilliseconds).ToArray();

    /// <summary>The broadcast number at the start of a payload <c>{"seq":N,…</c>.</summary>
    public static int Sequence(ReadOnlySpan<byte> utf8)
    {
        var value = 0;
        for (var i = 7; i < utf8.Length && utf8[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            value = (value * 10) + (utf8[i] - '0');
        }

        return value;
    }
}
