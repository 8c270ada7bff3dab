using Beacon.Contracts.Privacy;
using Dapper;

namespace Beacon.Realtime.Privacy;

/// <summary>
/// The live stream keeps its numbering (clients hold cursors into it), so rows about an erased lead stay with their
/// payload cut down to the ids. The owner projection (ids only, no personal data) stays, so the <c>lead.erased</c>
/// frame still reaches the agent who owned the lead. Nodes' in-memory windows age out on their own.
/// </summary>
internal sealed class StreamEraser : IPersonalDataEraser
{
    public string Module => "realtime";

    // After the event log: the sequencer locks events, then the stream and the owner projection; taking them in the
    // same order cannot deadlock with it.
    public int Order => 200;

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct) =>
        context.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE realtime.stream SET payload = jsonb_build_object('id', payload->'id', 'tenantId', payload->'tenantId',
                   'occurredAt', payload->'occurredAt', 'leadId', payload->'leadId', 'erased', true)
             WHERE tenant_id = @tenant AND lead_id = @lead;
            """, new { tenant = context.TenantId, lead = context.Subject.LeadId }, context.Transaction, cancellationToken: ct));
}
