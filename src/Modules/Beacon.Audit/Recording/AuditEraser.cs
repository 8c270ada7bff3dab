using Beacon.Contracts.Privacy;
using Dapper;

namespace Beacon.Audit.Recording;

/// <summary>
/// Erasure's part in the audit trail: the before/after payloads of every entry about the lead are dropped (their
/// hashes, the entries and the chain stay, so verify still answers ok), in the erasure's transaction, through
/// <c>audit.redact_subject</c>: the only change to an entry the append-only trigger lets through.
/// </summary>
internal sealed class AuditEraser : IPersonalDataEraser
{
    public string Module => "audit";

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT audit.redact_subject('lead', @subject, @at)",
            new { subject = context.Subject.LeadId.ToString(), at = context.Now }, context.Transaction, cancellationToken: ct));
}
