using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Beacon.Bench.Platform;

/// <summary>
/// Enqueues probe jobs the way a request handler does: one INSERT into <c>platform.jobs</c> per job, committed on
/// its own, then a NOTIFY after the commit (coalesced: one in flight at a time, as the server's JobNotifier does).
/// Jobs are scheduled at a fixed rate; several connections insert them so one slow commit does not hold the rest.
/// </summary>
internal sealed class QueueProducer(NpgsqlDataSource dataSource, int connections)
{
    private const string Insert = """
        INSERT INTO platform.jobs (tenant_id, handler, message_id, payload)
        VALUES ($1, 'diagnostics.probe', $2, '{"fail": false}'::jsonb)
        """;

    public long Notifications { get; private set; }

    /// <summary>Enqueues <paramref name="rate"/> jobs/s for <paramref name="duration"/>: count written, schedule-to-commit latencies, time until the last commit.</summary>
    public async Task<(long Enqueued, long Errors, Latencies CommitLatency, TimeSpan Took)> RunAsync(Guid tenantId, double rate, TimeSpan duration, CancellationToken ct)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var due = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
        var latencies = new Latencies();
        long enqueued = 0;
        var notify = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var notifier = NotifyLoopAsync(notify.Reader, ct);
        var writers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var samples = new List<double>();
            long errors = 0;
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand(Insert, conn);
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = tenantId });
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
            await cmd.PrepareAsync(ct);
            await foreach (var scheduled in due.Reader.ReadAllAsync(ct))
            {
                try
                {
                    cmd.Parameters[1].Value = Guid.CreateVersion7();
                    await cmd.ExecuteNonQueryAsync(ct);
                    Interlocked.Increment(ref enqueued);
                    notify.Writer.TryWrite(true);
                    samples.Add(Latencies.Ms(scheduled, Stopwatch.GetTimestamp()));
                }
                catch (NpgsqlException)
                {
                    errors++;
                }
            }

            latencies.Add(samples, errors);
        }, ct)).ToArray();

        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        for (long next = 0; next < total && !ct.IsCancellationRequested;)
        {
            var now = Stopwatch.GetTimestamp();
            for (var upTo = Math.Min(total, (long)((now - start) / interval) + 1); next < upTo; next++)
            {
                due.Writer.TryWrite(start + (long)(next * interval));
            }

            await Task.Delay(1, ct);
        }

        due.Writer.Complete();
        await Task.WhenAll(writers);
        var took = Stopwatch.GetElapsedTime(start);
        notify.Writer.Complete(); // the last pending NOTIFY is still sent
        await notifier;
        return (enqueued, latencies.Errors, latencies, took);
    }

    private async Task NotifyLoopAsync(ChannelReader<bool> pending, CancellationToken ct)
    {
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand("NOTIFY beacon_jobs", conn);
            await foreach (var _ in pending.ReadAllAsync(ct))
            {
                await cmd.ExecuteNonQueryAsync(ct);
                Notifications++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
