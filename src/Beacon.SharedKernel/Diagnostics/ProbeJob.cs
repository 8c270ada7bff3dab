using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Npgsql;

namespace Beacon.SharedKernel.Diagnostics;

/// <summary>
/// A job that records when and where it ran, and fails on request: operators enqueue it to check the queue's
/// health, tests prove delivery guarantees with it, and the queue benchmark measures enqueue-to-start with it.
/// <paramref name="HoldSeconds"/> keeps its transaction open that long first: a slow job, for shutdown checks.
/// </summary>
public sealed record ProbePayload(bool Fail = false, int HoldSeconds = 0);

internal sealed class ProbeJobHandler : IJobHandler<ProbePayload>
{
    public const string Name = "diagnostics.probe";

    public static string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task HandleAsync(ProbePayload payload, JobInfo job, TenantTransaction transaction, CancellationToken ct)
    {
        if (payload.Fail)
        {
            throw new InvalidOperationException($"Probe {job.MessageId} was asked to fail (attempt {job.Attempt}).");
        }

        if (payload.HoldSeconds > 0)
        {
            await using var hold = new NpgsqlCommand("SELECT pg_sleep($1)", transaction.Connection, transaction.Transaction);
            hold.Parameters.AddWithValue((double)Math.Min(payload.HoldSeconds, 3600));
            hold.CommandTimeout = Math.Min(payload.HoldSeconds, 3600) + 30;
            await hold.ExecuteNonQueryAsync(ct);
        }

        await using var cmd = new NpgsqlCommand("""
            INSERT INTO platform.probe_runs (tenant_id, message_id, node, attempt, enqueued_at, started_at)
            VALUES ($1, $2, $3, $4, $5, clock_timestamp())
            """, transaction.Connection, transaction.Transaction);
        cmd.Parameters.AddWithValue(transaction.TenantId);
        cmd.Parameters.AddWithValue(job.MessageId);
        cmd.Parameters.AddWithValue(Node);
        cmd.Parameters.AddWithValue(job.Attempt);
        cmd.Parameters.AddWithValue(job.EnqueuedAt);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
