using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Audit.Recording;

/// <summary>
/// For erasure (GDPR Art. 17, wired by the Privacy module): drops the before/after payloads of every entry about one
/// lead, in the erasure's transaction. The entries, their hashes and the chain stay; verify still answers ok.
/// </summary>
internal sealed class AuditRedactor(TimeProvider clock)
{
    public Task<long> RedactLeadAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT audit.redact_subject('lead', @subject, @at)",
            new { subject = leadId.ToString(), at = clock.GetUtcNow() }, tx.Transaction, cancellationToken: ct));
}
