using Beacon.Contracts.Privacy;
using Dapper;

namespace Beacon.Webhooks.Privacy;

/// <summary>
/// Erasure's part in webhooks: a delivery about the lead holds the exact body sent (the person's data) and its
/// attempts the receivers' answers, so both go. A delivery job still queued for one finds nothing and ends.
/// </summary>
internal sealed class DeliveryEraser : IPersonalDataEraser
{
    public string Module => "webhooks";

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhooks.deliveries WHERE tenant_id = @tenant AND lead_id = @lead", // attempts cascade
            new { tenant = context.TenantId, lead = context.Subject.LeadId }, context.Transaction, cancellationToken: ct));
}
