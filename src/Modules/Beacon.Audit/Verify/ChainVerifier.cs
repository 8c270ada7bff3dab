using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Audit.Verify;

/// <summary>The answer of a verification: ok, or the first broken sequence number and why.</summary>
internal sealed record ChainReport(Guid TenantId, bool Ok, long Checked, long? BrokenSeq, string? Reason);

/// <summary>Walks a tenant's chain in PostgreSQL (<c>audit.verify_chain</c>), under that tenant's row-level security.</summary>
internal sealed class ChainVerifier(Db db)
{
    public async Task<ChainReport> VerifyAsync(Guid tenantId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        var row = await conn.QuerySingleAsync<(bool Ok, long Checked, long? BrokenSeq, string? Reason)>(new CommandDefinition(
            "SELECT ok, checked, broken_seq, reason FROM audit.verify_chain()", cancellationToken: ct));
        return new ChainReport(tenantId, row.Ok, row.Checked, row.BrokenSeq, row.Reason);
    }

    /// <summary>Every tenant that has a chain (for the command line without <c>--tenant</c>).</summary>
    public async Task<IReadOnlyList<Guid>> ChainedTenantsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenUnscopedAsync(ct);
        return (await conn.QueryAsync<Guid>(new CommandDefinition("SELECT audit.chained_tenants()", cancellationToken: ct))).ToList();
    }
}
