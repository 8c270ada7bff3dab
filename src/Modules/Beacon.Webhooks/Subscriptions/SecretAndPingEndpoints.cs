using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Secrets;
using Beacon.SharedKernel.Tenancy;
using Beacon.Webhooks.Delivery;
using Beacon.Webhooks.Events;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Webhooks.Subscriptions;

internal sealed record PingResponse(Guid DeliveryId);

internal static class SecretAndPingEndpoints
{
    public static void Map(RouteGroupBuilder hooks)
    {
        hooks.MapPost("/{id:guid}/rotate-secret", RotateAsync).WithName("RotateWebhookSecret")
            .WithSummary("Replace the signing secret (shown once); the old one keeps signing beside it for the grace period.");
        hooks.MapPost("/{id:guid}/ping", PingAsync).WithName("PingWebhook")
            .WithSummary("Send a webhook.ping event now, to check the receiver and its signature verification.");
    }

    private static async Task<Results<Ok<SubscriptionWithSecret>, NotFound>> RotateAsync(Guid id, ClaimsPrincipal actor, Db db,
        SecretSeal seal, TimeProvider clock, IOptions<WebhookOptions> options, CancellationToken ct)
    {
        var secret = WebhookSecret.Create();
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var rotated = await SubscriptionStore.RotateAsync(conn, actor.TenantId(), id, secret, seal, now, now + options.Value.RotationGracePeriod, ct);
        return rotated is null ? TypedResults.NotFound() : TypedResults.Ok(new SubscriptionWithSecret(rotated, secret));
    }

    private static async Task<Results<Accepted<PingResponse>, NotFound, ProblemHttpResult>> PingAsync(Guid id, ClaimsPrincipal actor,
        Db db, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(actor.TenantId(), ct);
        var active = await tx.Connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            "SELECT active FROM webhooks.subscriptions WHERE tenant_id = @tenant AND id = @id",
            new { tenant = tx.TenantId, id }, tx.Transaction, cancellationToken: ct));
        if (active is null)
        {
            return TypedResults.NotFound();
        }

        if (active == false)
        {
            return ProblemResults.Conflict("The subscription is disabled.", "Re-enable it to send a ping.");
        }

        var now = clock.GetUtcNow();
        var ping = new WebhookEvent(WebhookEventTypes.Ping, Guid.CreateVersion7(), now, null,
            new { subscriptionId = id, message = "Beacon is testing this webhook." });
        var deliveryId = await DeliveryWriter.CreateAsync(tx, id, ping, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries/{deliveryId}", new PingResponse(deliveryId!.Value));
    }
}
