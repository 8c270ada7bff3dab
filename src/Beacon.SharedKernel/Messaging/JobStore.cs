using System.Text.Json;
using Beacon.SharedKernel.Database;
using Npgsql;

namespace Beacon.SharedKernel.Messaging;

/// <summary>The SQL of the durable queue: claim with SKIP LOCKED, finish inside the handler's transaction, retry, bury.</summary>
internal sealed class JobStore(NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<JobOptions> options)
{
    // The interactive lane serves whatever came due first: its jobs are small and one tenant's burst is over in moments.
    private const string ClaimOldestSql = """
        UPDATE platform.jobs j
           SET locked_until = now() + $2, lock_token = $3, attempts = j.attempts + 1
          FROM (SELECT id FROM platform.jobs
                 WHERE lane = $4 AND run_at <= now() AND (locked_until IS NULL OR locked_until < now())
                 ORDER BY run_at, id
                 LIMIT $1
                 FOR UPDATE SKIP LOCKED) c
         WHERE j.id = c.id
        RETURNING j.id, j.tenant_id, j.handler, j.message_id, j.payload, j.attempts, j.created_at
        """;

    // The bulk lane takes turns between tenants (ADR 0008): the tenants with bulk work are found by a skip scan of
    // jobs_bulk_by_tenant, each offers its oldest due jobs, and the tenant served longest ago goes first (within a
    // batch, each tenant's first job before anyone's second). A 100,000-lead import then delays another brokerage's
    // import by one chunk, not by all of its own.
    private const string ClaimByTurnSql = """
        WITH RECURSIVE queued(tenant_id) AS (
            (SELECT tenant_id FROM platform.jobs WHERE lane = 'bulk' ORDER BY tenant_id LIMIT 1)
            UNION ALL
            SELECT (SELECT j.tenant_id FROM platform.jobs j WHERE j.lane = 'bulk' AND j.tenant_id > q.tenant_id
                     ORDER BY j.tenant_id LIMIT 1)
              FROM queued q WHERE q.tenant_id IS NOT NULL
        ),
        offered AS (
            SELECT h.id, h.run_at, h.turn, coalesce(t.served_at, '-infinity') AS served_at
              FROM queued q
              CROSS JOIN LATERAL (
                  SELECT j.id, j.run_at, row_number() OVER (ORDER BY j.run_at, j.id) AS turn
                    FROM platform.jobs j
                   WHERE j.lane = 'bulk' AND j.tenant_id = q.tenant_id AND j.run_at <= now()
                     AND (j.locked_until IS NULL OR j.locked_until < now())
                   ORDER BY j.run_at, j.id
                   LIMIT $1) h
              LEFT JOIN platform.lane_turns t ON t.lane = $4 AND t.tenant_id = q.tenant_id
             WHERE q.tenant_id IS NOT NULL
        ),
        picked AS (
            SELECT j.id FROM platform.jobs j JOIN offered o ON o.id = j.id
             WHERE j.locked_until IS NULL OR j.locked_until < now()
             ORDER BY o.turn, o.served_at, o.run_at, o.id
             LIMIT $1
             FOR UPDATE OF j SKIP LOCKED
        ),
        claimed AS (
            UPDATE platform.jobs j
               SET locked_until = now() + $2, lock_token = $3, attempts = j.attempts + 1
              FROM picked WHERE j.id = picked.id
            RETURNING j.id, j.tenant_id, j.handler, j.message_id, j.payload, j.attempts, j.created_at
        ),
        turned AS (
            INSERT INTO platform.lane_turns (lane, tenant_id, served_at)
            SELECT DISTINCT $4, tenant_id, now() FROM claimed
            ON CONFLICT (lane, tenant_id) DO UPDATE SET served_at = excluded.served_at
        )
        SELECT * FROM claimed
        """;

    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(JobLane lane, int batchSize, TimeSpan visibility, CancellationToken ct)
    {
        var sql = lane == JobLane.Bulk ? ClaimByTurnSql : ClaimOldestSql;
        var token = Guid.NewGuid();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (options.Value.AsynchronousCommit)
        {
            // A claim lost in a crash only makes the job claimable again: no need to wait for the flush.
            await using var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", conn, tx);
            await relaxed.ExecuteNonQueryAsync(ct);
        }

        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue(batchSize);
        cmd.Parameters.AddWithValue(visibility);
        cmd.Parameters.AddWithValue(token);
        cmd.Parameters.AddWithValue(JobLanes.Name(lane));
        var jobs = new List<ClaimedJob>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                using var doc = JsonDocument.Parse(reader.GetString(4));
                jobs.Add(new ClaimedJob(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3),
                    doc.RootElement.Clone(), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6), token, lane));
            }
        }

        await tx.CommitAsync(ct);
        return jobs;
    }

    /// <summary>
    /// How long until the lane's next job comes due (null when none is waiting), on the database's clock as the claim
    /// judges it: an idle worker sleeps until then instead of a whole poll interval, so a scheduled job starts on time.
    /// </summary>
    public async Task<TimeSpan?> NextDueInAsync(JobLane lane, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT min(run_at) - now() FROM platform.jobs WHERE lane = $1 AND run_at > now()");
        cmd.Parameters.AddWithValue(JobLanes.Name(lane));
        return await cmd.ExecuteScalarAsync(ct) is TimeSpan due ? due : null;
    }

    /// <summary>Records that the handler ran; false when it already had (a duplicate delivery).</summary>
    public static async Task<bool> TryMarkProcessedAsync(TenantTransaction tx, ClaimedJob job, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO platform.inbox (tenant_id, handler, message_id) VALUES ($1, $2, $3)
            ON CONFLICT DO NOTHING
            """, tx.Connection, tx.Transaction);
        cmd.Parameters.AddWithValue(job.TenantId);
        cmd.Parameters.AddWithValue(job.Handler);
        cmd.Parameters.AddWithValue(job.MessageId);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Removes the job in the handler's transaction; false when our claim expired and another worker has it.</summary>
    public static async Task<bool> CompleteAsync(TenantTransaction tx, ClaimedJob job, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "DELETE FROM platform.jobs WHERE id = $1 AND lock_token = $2", tx.Connection, tx.Transaction);
        cmd.Parameters.AddWithValue(job.Id);
        cmd.Parameters.AddWithValue(job.LockToken);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task RetryLaterAsync(ClaimedJob job, TimeSpan delay, string error, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE platform.jobs SET locked_until = NULL, lock_token = NULL, run_at = now() + $3, last_error = $4
             WHERE id = $1 AND lock_token = $2
            """);
        cmd.Parameters.AddWithValue(job.Id);
        cmd.Parameters.AddWithValue(job.LockToken);
        cmd.Parameters.AddWithValue(delay);
        cmd.Parameters.AddWithValue(error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task DeadLetterAsync(ClaimedJob job, string error, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH moved AS (DELETE FROM platform.jobs WHERE id = $1 AND lock_token = $2 RETURNING *)
            INSERT INTO platform.dead_letters (job_id, tenant_id, handler, message_id, payload, attempts, last_error, enqueued_at)
            SELECT id, tenant_id, handler, message_id, payload, attempts, $3, created_at FROM moved
            """);
        cmd.Parameters.AddWithValue(job.Id);
        cmd.Parameters.AddWithValue(job.LockToken);
        cmd.Parameters.AddWithValue(error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>On shutdown, hands back jobs we claimed but never started, without counting an attempt.</summary>
    public async Task ReleaseAsync(IEnumerable<ClaimedJob> jobs, CancellationToken ct)
    {
        var list = jobs.ToList();
        if (list.Count == 0)
        {
            return;
        }

        await using var cmd = dataSource.CreateCommand("""
            UPDATE platform.jobs SET locked_until = NULL, lock_token = NULL, attempts = attempts - 1
             WHERE id = ANY($1) AND lock_token = ANY($2)
            """);
        cmd.Parameters.AddWithValue(list.Select(j => j.Id).ToArray());
        cmd.Parameters.AddWithValue(list.Select(j => j.LockToken).Distinct().ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
