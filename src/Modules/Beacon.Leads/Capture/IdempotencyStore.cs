using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Capture;

internal enum IdempotencyState
{
    Fresh,
    Replay,
    Mismatch,
    InFlight,
}

internal sealed record IdempotencyBegin(IdempotencyState State, IdempotencyRecord? Record = null, int Status = 0, string? Body = null);

/// <summary>
/// <c>Idempotency-Key</c> per tenant, claimed inside the capture's own transaction: a transaction-scoped advisory lock
/// on the key says "in flight" (409 to a second request) for exactly as long as the request's transaction lives, and
/// the stored answer commits with the work. A request that fails — a database restart, a bug, a client gone — rolls
/// its claim back with its work, so a retry with the key is served at once (no claim outlives its request). A
/// completed key replays its answer; the same key with another body is refused (422).
/// </summary>
internal sealed class IdempotencyStore(TimeProvider clock)
{
    public async Task<IdempotencyBegin> BeginAsync(TenantTransaction tx, string key, byte[] hash, CancellationToken ct)
    {
        // Two statements, two snapshots: the row is read after the lock is tried, so an answer committed by the
        // request that held the lock until just now is seen.
        using var grid = await tx.Connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT pg_try_advisory_xact_lock(@lockKey);
            SELECT request_hash, status_code, response FROM leads.idempotency_keys WHERE tenant_id = @tenant AND key = @key;
            """, new { lockKey = LockKey(tx.TenantId, key), tenant = tx.TenantId, key }, tx.Transaction, cancellationToken: ct));
        var locked = await grid.ReadSingleAsync<bool>();
        var row = await grid.ReadSingleOrDefaultAsync<(byte[] Hash, int? Status, string? Response)?>();
        if (row is { Status: { } status } done)
        {
            return done.Hash.AsSpan().SequenceEqual(hash)
                ? new IdempotencyBegin(IdempotencyState.Replay, Status: status, Body: done.Response)
                : new IdempotencyBegin(IdempotencyState.Mismatch);
        }

        // No answer yet: free unless a live request holds the key. A row without an answer was left by a request cut
        // before this design (its claim was committed apart from its work); it is taken over like a missing one.
        return locked
            ? new IdempotencyBegin(IdempotencyState.Fresh, new IdempotencyRecord(tx.TenantId, key, hash, clock.GetUtcNow()))
            : new IdempotencyBegin(IdempotencyState.InFlight);
    }

    public static long LockKey(Guid tenant, string key) => IdentityLocks.Key(tenant, "idempotency-key:" + key);
}

/// <summary>A claimed key: its answer is stored in the transaction of the work (nothing is stored when the work fails).</summary>
internal sealed class IdempotencyRecord(Guid tenant, string key, byte[] hash, DateTimeOffset claimedAt)
{
    public Task CompleteAsync(TenantTransaction tx, int status, string body, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads.idempotency_keys AS k (tenant_id, key, request_hash, status_code, response, created_at)
            VALUES (@tenant, @key, @hash, @status, @body, @claimedAt)
            ON CONFLICT (tenant_id, key) DO UPDATE
               SET request_hash = excluded.request_hash, status_code = excluded.status_code, response = excluded.response,
                   created_at = excluded.created_at
             WHERE k.status_code IS NULL
            """, new { tenant, key, hash, status, body, claimedAt }, tx.Transaction, cancellationToken: ct));
}
