using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Webhooks.Delivery;

internal sealed record DeliverySummary(Guid Id, string EventType, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, int? LastStatusCode, string? LastError);

internal sealed record AttemptResponse(int Number, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error,
    string? ResponseSnippet, bool Replay);

internal sealed record DeliveryResponse(DeliverySummary Delivery, string Body, IEnumerable<AttemptResponse> AttemptLog);

internal static class DeliveryLogEndpoints
{
    private sealed record ReplayTarget(int Attempts, bool Active, string Status);

    private const string SummaryColumns = """
        d.id, d.event_type AS EventType, d.status, d.attempts, d.created_at AS CreatedAt, d.next_attempt_at AS NextAttemptAt,
        d.completed_at AS CompletedAt, a.status_code AS LastStatusCode, a.error AS LastError
        """;

    private const string FromWithLastAttempt = """
        FROM webhooks.deliveries d
        LEFT JOIN webhooks.attempts a ON a.tenant_id = d.tenant_id AND a.delivery_id = d.id AND a.number = d.attempts
        """;

    public static void Map(RouteGroupBuilder hooks)
    {
        hooks.MapGet("/{id:guid}/deliveries", ListAsync).WithName("ListWebhookDeliveries")
            .WithSummary("A subscription's latest deliveries (newest first, at most 100), with their last attempt's outcome.");
        hooks.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", GetAsync).WithName("GetWebhookDelivery")
            .WithSummary("One delivery: the exact body sent and every attempt (status, duration, the answer's first characters).");
        hooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", ReplayAsync).WithName("ReplayWebhookDelivery")
            .WithSummary("Send a delivery again: the same body and id, newly signed.");
    }

    private static async Task<Results<Ok<IEnumerable<DeliverySummary>>, NotFound>> ListAsync(Guid id, ClaimsPrincipal actor, Db db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var rows = await conn.QueryAsync<DeliverySummary>(new CommandDefinition($"""
            SELECT {SummaryColumns} {FromWithLastAttempt}
             WHERE d.tenant_id = @tenant AND d.subscription_id = @id ORDER BY d.created_at DESC, d.id DESC LIMIT 100
            """, new { tenant = actor.TenantId(), id }, cancellationToken: ct));
        var exists = rows.Any() || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM webhooks.subscriptions WHERE tenant_id = @tenant AND id = @id)",
            new { tenant = actor.TenantId(), id }, cancellationToken: ct));
        return exists ? TypedResults.Ok(rows) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<DeliveryResponse>, NotFound>> GetAsync(Guid id, Guid deliveryId, ClaimsPrincipal actor, Db db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var args = new { tenant = actor.TenantId(), id, deliveryId };
        var summary = await conn.QuerySingleOrDefaultAsync<DeliverySummary>(new CommandDefinition($"""
            SELECT {SummaryColumns} {FromWithLastAttempt} WHERE d.tenant_id = @tenant AND d.subscription_id = @id AND d.id = @deliveryId
            """, args, cancellationToken: ct));
        if (summary is null)
        {
            return TypedResults.NotFound();
        }

        var body = await conn.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT body FROM webhooks.deliveries WHERE tenant_id = @tenant AND id = @deliveryId", args, cancellationToken: ct));
        var attempts = await conn.QueryAsync<AttemptResponse>(new CommandDefinition("""
            SELECT number, attempted_at AS AttemptedAt, status_code AS StatusCode, duration_ms AS DurationMs, error,
                   response_snippet AS ResponseSnippet, replay
              FROM webhooks.attempts WHERE tenant_id = @tenant AND delivery_id = @deliveryId ORDER BY number
            """, args, cancellationToken: ct));
        return TypedResults.Ok(new DeliveryResponse(summary, body, attempts));
    }

    private static async Task<Results<Accepted, NotFound, ProblemHttpResult>> ReplayAsync(Guid id, Guid deliveryId,
        ClaimsPrincipal actor, Db db, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(actor.TenantId(), ct);
        var found = await tx.Connection.QuerySingleOrDefaultAsync<ReplayTarget>(new CommandDefinition("""
            SELECT d.attempts, s.active, d.status
              FROM webhooks.deliveries d JOIN webhooks.subscriptions s ON s.tenant_id = d.tenant_id AND s.id = d.subscription_id
             WHERE d.tenant_id = @tenant AND d.subscription_id = @id AND d.id = @deliveryId FOR UPDATE OF d
            """, new { tenant = tx.TenantId, id, deliveryId }, tx.Transaction, cancellationToken: ct));
        if (found is not { } delivery)
        {
            return TypedResults.NotFound();
        }

        if (!delivery.Active)
        {
            return ProblemResults.Conflict("The subscription is disabled.", "Re-enable it before replaying its deliveries.");
        }

        if (delivery.Status == "pending")
        {
            return ProblemResults.Conflict("The delivery is still being attempted.", "Replay it once it has succeeded or failed.");
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhooks.deliveries SET status = 'pending', next_attempt_at = @now, completed_at = NULL
             WHERE tenant_id = @tenant AND id = @deliveryId
            """, new { tenant = tx.TenantId, deliveryId, now = clock.GetUtcNow() }, tx.Transaction, cancellationToken: ct));
        tx.Enqueue(DeliveryWriter.DeliverJob, new DeliverPayload(deliveryId, delivery.Attempts, Replay: true));
        await tx.CommitAsync(ct);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries/{deliveryId}");
    }
}
