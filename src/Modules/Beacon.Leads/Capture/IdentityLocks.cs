using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Capture;

/// <summary>
/// Serialises captures of the same person: each dedupe key maps to a transaction-scoped advisory lock, taken in
/// ascending order (no deadlocks). Twenty parallel requests for one person queue on the same lock, and each finds
/// the lead the first one wrote. Imports take the tenant's import lock exclusively; captures hold it shared.
/// </summary>
internal static class IdentityLocks
{
    public static long Key(Guid tenant, string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant:N}|{name}"), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    public static long TenantImportKey(Guid tenant) => Key(tenant, "import");

    public static Task AcquireAsync(TenantTransaction tx, IEnumerable<(char Kind, string Value)> identities, CancellationToken ct)
    {
        var keys = identities.Select(i => Key(tx.TenantId, $"{i.Kind}:{i.Value}")).Distinct().Order().ToArray();
        return tx.Connection.ExecuteAsync(new CommandDefinition("""
            SELECT pg_advisory_xact_lock_shared(@tenantKey);
            SELECT pg_advisory_xact_lock(k) FROM unnest(@keys::bigint[]) WITH ORDINALITY AS u(k, n) ORDER BY n;
            """, new { tenantKey = TenantImportKey(tx.TenantId), keys }, tx.Transaction, cancellationToken: ct));
    }
}
