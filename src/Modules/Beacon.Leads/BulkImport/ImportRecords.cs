using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.BulkImport;

internal enum ClaimState
{
    Fresh,
    Resume,
    Completed,
    Busy,
    Mismatch,
    Undone,
}

internal sealed record ImportClaim(ClaimState State, Guid ImportId, long SkipRows);

/// <summary>
/// The import's row, keyed per tenant by the upload's Idempotency-Key: a retry of the same file resumes after the
/// rows already committed, a finished import is answered again, and a live one (recent heartbeat) is left alone.
/// </summary>
internal static class ImportRecords
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    public static async Task<ImportClaim> ClaimAsync(Db db, Guid tenant, string key, string header, long bytes, Guid actor, string source,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        var fresh = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            INSERT INTO leads.imports (tenant_id, id, key, status, dry_run, header, total_bytes, created_by, created_at, heartbeat_at, source)
            VALUES (@tenant, @id, @key, 'running', false, @header, @bytes, @actor, @now, @now, @source)
            ON CONFLICT (tenant_id, key) DO NOTHING RETURNING id
            """, new { tenant, id = Guid.CreateVersion7(now), key, header, bytes, actor, now, source }, cancellationToken: ct));
        if (fresh is { } id)
        {
            return new ImportClaim(ClaimState.Fresh, id, 0);
        }

        var row = await conn.QuerySingleAsync<(Guid Id, string Status, string Header, long? TotalBytes)>(new CommandDefinition(
            "SELECT id, status, header, total_bytes FROM leads.imports WHERE tenant_id = @tenant AND key = @key",
            new { tenant, key }, cancellationToken: ct));
        if (row.Header != header || row.TotalBytes != bytes)
        {
            return new ImportClaim(ClaimState.Mismatch, row.Id, 0);
        }

        if (row.Status is "completed" or "undone")
        {
            return new ImportClaim(row.Status == "completed" ? ClaimState.Completed : ClaimState.Undone, row.Id, 0);
        }

        var skip = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            UPDATE leads.imports SET status = 'running', heartbeat_at = @now, error = NULL
             WHERE tenant_id = @tenant AND id = @id AND (status <> 'running' OR heartbeat_at IS NULL OR heartbeat_at < @stale)
            RETURNING rows_committed
            """, new { tenant, id = row.Id, now, stale = now - StaleAfter }, cancellationToken: ct));
        return skip is { } s ? new ImportClaim(ClaimState.Resume, row.Id, s) : new ImportClaim(ClaimState.Busy, row.Id, 0);
    }

    public static async Task<ImportStatus?> GetAsync(Db db, Guid tenant, Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        return await conn.QuerySingleOrDefaultAsync<ImportStatus>(new CommandDefinition(
            $"SELECT {ImportStatus.Columns} FROM leads.imports WHERE tenant_id = @tenant AND id = @id", new { tenant, id }, cancellationToken: ct));
    }

    public static Task<(long Created, long Merged, long Rejected)> CompleteAsync(TenantTransaction tx, Guid id, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition("""
            UPDATE leads.imports SET status = 'completed', percent = 100, finished_at = @now, heartbeat_at = NULL, error = NULL
             WHERE tenant_id = @tenant AND id = @id
            RETURNING created, merged, rejected
            """, new { tenant = tx.TenantId, id, now }, tx.Transaction, cancellationToken: ct));

    public static async Task SetStatusAsync(Db db, Guid tenant, Guid id, string status, string? error, DateTimeOffset now)
    {
        await using var conn = await db.OpenAsync(tenant, CancellationToken.None);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE leads.imports SET status = @status, error = @error, heartbeat_at = NULL,
                   finished_at = CASE WHEN @status = 'completed' THEN @now END, percent = CASE WHEN @status = 'completed' THEN 100 ELSE percent END
             WHERE tenant_id = @tenant AND id = @id
            """, new { tenant, id, status, error, now }));
    }
}

/// <summary>An import as <c>GET /api/v1/leads/imports/{id}</c> shows it (the progress bar polls it).</summary>
internal sealed class ImportStatus
{
    public const string Columns = """
        id, key, status, source, total_bytes, rows_committed, created, merged, rejected, percent, error, created_at, finished_at, undone_at
        """;

    public Guid Id { get; set; }

    public string Key { get; set; } = "";

    public string Status { get; set; } = "";

    public string Source { get; set; } = "";

    public long? TotalBytes { get; set; }

    public long RowsCommitted { get; set; }

    public long Created { get; set; }

    public long Merged { get; set; }

    public long Rejected { get; set; }

    public int Percent { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }
}
