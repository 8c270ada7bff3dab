using Beacon.Contracts.Privacy;
using Dapper;

namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// The event log is append-only for its readers, but an event about an erased lead may carry the person's values
/// (a <c>lead.updated</c>'s before and after): its payload is cut down to the ids, so cursors and sequence numbers
/// stay intact. Queued and dead-lettered jobs about the lead, or quoting the person by a value only they have (an
/// e-mail, a phone, the full name), are dropped: the lead is gone. A first name alone would match others' work.
/// </summary>
internal sealed class EventLogEraser : IPersonalDataEraser
{
    public string Module => "platform";

    // Last: a job that holds a module's per-lead lock deletes its own queue row as it commits; touching the queue
    // before waiting for that lock would deadlock with it.
    public int Order => 100;

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct) =>
        context.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE platform.events SET payload = jsonb_build_object('id', payload->'id', 'tenantId', payload->'tenantId',
                   'occurredAt', payload->'occurredAt', 'leadId', payload->'leadId', 'erased', true)
             WHERE tenant_id = @tenant AND payload->>'leadId' = @lead;
            DELETE FROM platform.jobs WHERE tenant_id = @tenant
               AND (payload->>'leadId' = @lead OR EXISTS (SELECT 1 FROM unnest(@identifiers) v WHERE strpos(lower(payload::text), lower(v)) > 0));
            DELETE FROM platform.dead_letters WHERE tenant_id = @tenant
               AND (payload->>'leadId' = @lead OR EXISTS (SELECT 1 FROM unnest(@identifiers) v WHERE strpos(lower(payload::text), lower(v)) > 0));
            """, new { tenant = context.TenantId, lead = context.Subject.LeadId.ToString(), identifiers = context.Subject.DistinctiveIdentifiers.ToArray() },
            context.Transaction, cancellationToken: ct));
}
