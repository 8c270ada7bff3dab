using System.Text.Json;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.Webhooks.Events;
using Dapper;

namespace Beacon.Webhooks.Delivery;

/// <summary>The job that makes one delivery's next attempt; <paramref name="SeriesStart"/> is the attempts made before this series (a replay starts a new one).</summary>
internal sealed record DeliverPayload(Guid DeliveryId, int SeriesStart, bool Replay);

/// <summary>
/// Records a delivery — the envelope's exact bytes, so retries and replays send the same body and id — and queues its
/// first attempt in the same transaction.
/// </summary>
internal static class DeliveryWriter
{
    public const string DeliverJob = "webhooks.deliver";

    public static async Task<Guid?> CreateAsync(TenantTransaction tx, Guid subscriptionId, WebhookEvent e, DateTimeOffset now,
        CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var body = JsonSerializer.Serialize(new { id, type = e.Type, occurredAt = e.OccurredAt, tenant = tx.TenantId, data = e.Data },
            MessageJson.Options);
        // A ping has no integration event; any other event is delivered once per subscription however often it is handled.
        var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO webhooks.deliveries (tenant_id, id, subscription_id, event_type, event_id, lead_id, body, status, next_attempt_at, created_at)
            VALUES (@tenant, @id, @subscriptionId, @type, @eventId, @leadId, @body, 'pending', @now, @now)
            ON CONFLICT DO NOTHING
            """, new
        {
            tenant = tx.TenantId,
            id,
            subscriptionId,
            type = e.Type,
            eventId = e.Type == WebhookEventTypes.Ping ? (Guid?)null : e.EventId,
            leadId = e.LeadId,
            body,
            now,
        }, tx.Transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return null;
        }

        tx.Enqueue(DeliverJob, new DeliverPayload(id, 0, Replay: false));
        return id;
    }
}
