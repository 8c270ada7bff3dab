using Npgsql;

namespace Beacon.SharedKernel.Auditing;

/// <summary>
/// Appends entries to the tenant's audit trail inside the caller's transaction (implemented by the Audit module; the
/// kernel cannot reference a module, hence the interface).
/// </summary>
public interface IAuditTrail
{
    Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditRecord> records,
        CancellationToken ct);
}
