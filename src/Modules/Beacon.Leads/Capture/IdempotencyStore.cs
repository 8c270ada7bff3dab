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
/// <c>Idempotency-Key</c> per tenant: the key is claimed (committed at once) before the work starts, so a second
/// request with it sees "in flight" (409); the response is stored in the transaction of the work itself, so a
/// replay returns exactly what was committed; the same key with another body is refused (422). A claim left by a
/// crashed request is taken over after <see cref="StaleAfter"/>.
/// </summary>
internal sealed class IdempotencyStore(Db db, TimeProvider clock)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public async Task<IdempotencyBegin> BeginAsync(Guid tenant, string key, byte[] hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenAsync(tenant, ct);
        var claimed = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            WITH claimed AS (
                INSERT INTO leads.idempotency_keys AS k (tenant_id, key, request_hash, created_at)
                VALUES (@tenant, @key, @hash, @now)
                ON CONFLICT (tenant_id, key) DO UPDATE SET created_at = @now
                 WHERE k.status_code IS NULL AND k.request_hash = @hash AND k.created_at < @stale
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM claimed)
            """, new { tenant, key, hash, now, stale = now - StaleAfter }, cancellationToken: ct));
        if (claimed)
        {
            return new IdempotencyBegin(IdempotencyState.Fresh, new IdempotencyRecord(db, tenant, key));
        }

        var row = await conn.QuerySingleAsync<(byte[] Hash, int? Status, string? Response)>(new CommandDefinition(
            "SELECT request_hash, status_code, response FROM leads.idempotency_keys WHERE tenant_id = @tenant AND key = @key",
            new { tenant, key }, cancellationToken: ct));
        if (!row.Hash.AsSpan().SequenceEqual(hash))
        {
            return new IdempotencyBegin(IdempotencyState.Mismatch);
        }

        return row.Status is { } status
            ? new IdempotencyBegin(IdempotencyState.Replay, Status: status, Body: row.Response)
            : new IdempotencyBegin(IdempotencyState.InFlight);
    }
}

/// <summary>A claimed key: completed inside the work's transaction, or released when the work fails.</summary>
internal sealed class IdempotencyRecord(Db db, Guid tenant, string key)
{
    public Task CompleteAsync(TenantTransaction tx, int status, string body, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE leads.idempotency_keys SET status_code = @status, response = @body WHERE tenant_id = @tenant AND key = @key",
            new { tenant, key, status, body }, tx.Transaction, cancellationToken: ct));

    /// <summary>Stores an answer that wrote nothing (a validation error) so that a retry gets the same answer.</summary>
    public async Task CompleteAloneAsync(int status, string body, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(tenant, ct);
        await CompleteAsync(tx, status, body, ct);
        await tx.CommitAsync(ct);
    }

    public async Task ReleaseAsync()
    {
        await using var conn = await db.OpenAsync(tenant, CancellationToken.None);
        await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM leads.idempotency_keys WHERE tenant_id = @tenant AND key = @key AND status_code IS NULL",
            new { tenant, key }));
    }
}
