using Beacon.Contracts.Privacy;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Beacon.Privacy.Erasure;

internal enum ErasureOutcome
{
    Erased,
    NotFound,
    AlreadyErased,
}

internal static class ErasureBasis
{
    public const string Request = "request";
    public const string Retention = "retention";
}

/// <summary>
/// GDPR Art. 17: removes a lead's personal data from every module in one transaction (each module's
/// <see cref="IPersonalDataEraser"/>, under the lead's row lock taken first) and leaves a tombstone with no personal
/// data. The same path serves a person's request and the retention policy.
/// </summary>
internal sealed partial class LeadErasure(Db db, IErasureSubjects subjects, IEnumerable<IPersonalDataEraser> erasers,
    TimeProvider clock, ILogger<LeadErasure> log)
{
    public async Task<ErasureOutcome> EraseAsync(Guid tenantId, Guid leadId, Guid? actorId, string basis, string reason,
        CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(tenantId, ct);
        var subject = await subjects.LockAsync(tx.Connection, tx.Transaction, tenantId, leadId, ct);
        if (subject is null)
        {
            var erased = await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM privacy.erasures WHERE tenant_id = @tenantId AND lead_id = @leadId)",
                new { tenantId, leadId }, tx.Transaction, cancellationToken: ct));
            return erased ? ErasureOutcome.AlreadyErased : ErasureOutcome.NotFound;
        }

        var now = clock.GetUtcNow();
        var context = new ErasureContext(tx.Connection, tx.Transaction, tenantId, subject, now);
        var modules = new List<string>();
        foreach (var eraser in erasers.OrderBy(e => e.Order))
        {
            await eraser.EraseLeadAsync(context, ct);
            modules.Add(eraser.Module);
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM privacy.consents WHERE tenant_id = @tenantId AND lead_id = @leadId;
            INSERT INTO privacy.erasures (tenant_id, lead_id, erased_at, actor_id, basis, reason, modules)
            VALUES (@tenantId, @leadId, @now, @actorId, @basis, @reason, @modules);
            """, new { tenantId, leadId, now, actorId, basis, reason, modules = modules.Append("privacy").ToArray() },
            tx.Transaction, cancellationToken: ct));
        tx.Publish(new LeadErased(Guid.CreateVersion7(), tenantId, now, leadId, actorId, basis));
        await tx.CommitAsync(ct);
        LogErased(log, tenantId, leadId, basis, modules.Count);
        return ErasureOutcome.Erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased lead {LeadId} of tenant {TenantId} ({Basis}; {Modules} modules)")]
    private static partial void LogErased(ILogger logger, Guid tenantId, Guid leadId, string basis, int modules);
}
