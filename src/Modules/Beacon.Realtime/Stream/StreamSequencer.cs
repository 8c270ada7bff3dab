using System.Text;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Beacon.Realtime.Stream;

/// <summary>
/// Appends committed events to the per-tenant stream (one SQL call per batch) and announces the new cursors with
/// one <c>NOTIFY beacon_live</c> per batch. Woken by the same signal as the job workers (every commit that
/// publishes raises it, locally or through NOTIFY), polled once a second as a safety net. Safe on several nodes at
/// once (SKIP LOCKED plus the per-tenant row lock); trims the stream to its retention window every few minutes.
/// </summary>
internal sealed partial class StreamSequencer(
    NpgsqlDataSource dataSource,
    JobSignal signal,
    TimeProvider clock,
    IOptions<LiveOptions> options,
    ILogger<StreamSequencer> logger) : BackgroundService
{
    public const string Channel = "beacon_live";
    private static readonly TimeSpan TrimEvery = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastTrim = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Local.Next;
            var taken = 0;
            try
            {
                taken = await SequenceOnceAsync(stoppingToken);
                if (clock.GetUtcNow() - lastTrim > TrimEvery)
                {
                    await TrimAsync(stoppingToken);
                    lastTrim = clock.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogFailed(e);
            }

            // Something was taken: look again at once (a burst may exceed a batch); else sleep until woken.
            if (taken == 0)
            {
                await Task.WhenAny(wake, Task.Delay(TimeSpan.FromSeconds(1), stoppingToken));
            }
        }
    }

    /// <summary>One batch; returns how many tenants it advanced.</summary>
    internal async Task<int> SequenceOnceAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var announcements = new StringBuilder();
        var taken = 0;
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await using var cmd = new NpgsqlCommand("SELECT tenant_id, last_cursor FROM realtime.sequence_events($1)", conn, tx);
            cmd.Parameters.AddWithValue(options.Value.SequencerBatch);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    announcements.Append(reader.GetGuid(0).ToString("N")).Append(':').Append(reader.GetInt64(1)).Append(',');
                    taken++;
                }
            }

            await tx.CommitAsync(ct);
        }

        if (announcements.Length > 0)
        {
            // After the commit, so listeners read what we announce. Payloads stay far below NOTIFY's 8000 bytes per chunk.
            foreach (var chunk in Chunks(announcements.ToString().TrimEnd(','), 7000))
            {
                await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", conn);
                notify.Parameters.AddWithValue(Channel);
                notify.Parameters.AddWithValue(chunk);
                await notify.ExecuteNonQueryAsync(ct);
            }
        }

        return taken;
    }

    private async Task TrimAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT realtime.trim_stream($1)");
        cmd.Parameters.AddWithValue(clock.GetUtcNow() - options.Value.Retention);
        await cmd.ExecuteScalarAsync(ct);
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + size);
            if (end < text.Length)
            {
                end = text.LastIndexOf(',', end - 1, end - start) is var comma and > 0 ? comma : end;
            }

            yield return text[start..end].Trim(',');
            start = end + 1;
        }
    }

    [LoggerMessage(LogLevel.Error, "Sequencing the live stream failed; retrying")]
    private partial void LogFailed(Exception e);
}
