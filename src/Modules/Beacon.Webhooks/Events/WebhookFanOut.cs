using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.Webhooks.Delivery;
using Beacon.Webhooks.Subscriptions;

namespace Beacon.Webhooks.Events;

/// <summary>
/// Subscribed to the integration events webhooks publish (ADR 0008): in the job that event fanned out to, one
/// delivery per matching active subscription is recorded and queued, committing with the job's completion.
/// </summary>
internal sealed class WebhookFanOut(TimeProvider clock)
    : IEventHandler<LeadCreated>, IEventHandler<LeadUpdated>, IEventHandler<LeadScored>, IEventHandler<LeadEnriched>
{
    public Task HandleAsync(LeadCreated e, TenantTransaction tx, CancellationToken ct) => FanOutAsync(EventTranslation.From(e), tx, ct);

    public Task HandleAsync(LeadUpdated e, TenantTransaction tx, CancellationToken ct) => FanOutAsync(EventTranslation.From(e), tx, ct);

    public Task HandleAsync(LeadScored e, TenantTransaction tx, CancellationToken ct) => FanOutAsync(EventTranslation.From(e), tx, ct);

    public Task HandleAsync(LeadEnriched e, TenantTransaction tx, CancellationToken ct) => FanOutAsync(EventTranslation.From(e), tx, ct);

    private async Task FanOutAsync(IEnumerable<WebhookEvent> events, TenantTransaction tx, CancellationToken ct)
    {
        foreach (var e in events)
        {
            foreach (var subscription in await SubscriptionStore.SubscribersAsync(tx, e.Type, ct))
            {
                await DeliveryWriter.CreateAsync(tx, subscription, e, clock.GetUtcNow(), ct);
            }
        }
    }
}
