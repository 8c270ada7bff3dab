using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// Carries <see cref="JobSignal"/> across processes: sends one NOTIFY per burst of raises, and LISTENs to wake
/// local workers when another process enqueued work. Polling in the workers is the safety net if this fails.
/// </summary>
internal sealed class JobNotifier(NpgsqlDataSource dataSource, JobSignal signal, ILogger<JobNotifier> logger)
    : BackgroundService
{
    public const string Channel = "beacon_jobs";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendAsync(stoppingToken), ListenAsync(stoppingToken));

    private async Task SendAsync(CancellationToken ct)
    {
        try
        {
            // The channel holds one pending item: raises during a NOTIFY round trip collapse into the next one.
            await foreach (var _ in signal.PendingNotifications.ReadAllAsync(ct))
            {
                try
                {
                    await using var cmd = dataSource.CreateCommand($"SELECT pg_notify('{Channel}', $1)");
                    cmd.Parameters.AddWithValue($"{signal.ProcessId}:{signal.TakePendingLanes()}");
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    logger.LogWarning(e, "Could not send the job notification; other nodes will poll");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(ct);
                conn.Notification += (_, e) => signal.Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                // Something may have been enqueued while we were not listening.
                signal.PulseLocal(interactive: true, bulk: true);
                while (!ct.IsCancellationRequested)
                {
                    await conn.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                logger.LogWarning(e, "Job notification listener lost its connection; reconnecting");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
