using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.SharedKernel.Secrets;
using Beacon.Webhooks.Notices;
using Beacon.Webhooks.Subscriptions;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Webhooks.Delivery;

/// <summary>
/// One attempt of one delivery. Retries are this job re-queued with a due time (the job queue's <c>run_at</c>), the
/// delay from SharedKernel's <see cref="RetryBackoff"/> (exponential, equal jitter): the attempt, its log entry, the
/// failure streak and the next attempt commit together, so a failed call never rolls back its own record.
/// </summary>
internal sealed class DeliverJob(WebhookSender sender, DisabledNotice notice, SecretSeal seal, TimeProvider clock,
    IOptions<WebhookOptions> options)
    : IJobHandler<DeliverPayload>
{
    private sealed record Target(string Url, string EventType, string Body, string Status, int Attempts, bool Active,
        Guid SubscriptionId, string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt);

    public async Task HandleAsync(DeliverPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        // Locks in the order a subscription's delete takes them (the subscription, then its deliveries by cascade):
        // the attempt ends by writing the failure streak on the subscription, and taking the delivery first would
        // deadlock with a delete that came in while the receiver was answering. KEY SHARE lets attempts of the same
        // subscription run side by side and only keeps the row from being deleted under them.
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            SELECT 1 FROM webhooks.subscriptions s
             WHERE s.tenant_id = @tenant
               AND s.id = (SELECT d.subscription_id FROM webhooks.deliveries d WHERE d.tenant_id = @tenant AND d.id = @id)
               FOR KEY SHARE
            """, new { tenant = tx.TenantId, id = payload.DeliveryId }, tx.Transaction, cancellationToken: ct));
        var target = await tx.Connection.QuerySingleOrDefaultAsync<Target>(new CommandDefinition("""
            SELECT s.url, d.event_type AS EventType, d.body, d.status, d.attempts, s.active, s.id AS SubscriptionId, s.secret,
                   s.previous_secret AS PreviousSecret, s.previous_secret_expires_at AS PreviousSecretExpiresAt
              FROM webhooks.deliveries d JOIN webhooks.subscriptions s ON s.tenant_id = d.tenant_id AND s.id = d.subscription_id
             WHERE d.tenant_id = @tenant AND d.id = @id
               FOR UPDATE OF d
            """, new { tenant = tx.TenantId, id = payload.DeliveryId }, tx.Transaction, cancellationToken: ct));
        if (target is not { Status: "pending" })
        {
            return; // deleted with its subscription, or finished meanwhile
        }

        var now = clock.GetUtcNow();
        if (!target.Active)
        {
            await FinishAsync(tx, payload.DeliveryId, "failed", now, ct);
            return;
        }

        var owner = SubscriptionStore.SealOwner(tx.TenantId, target.SubscriptionId);
        List<string> secrets = [seal.Open(target.Secret, owner)];
        if (target.PreviousSecret is not null && target.PreviousSecretExpiresAt > now)
        {
            secrets.Add(seal.Open(target.PreviousSecret, owner));
        }

        var outcome = await sender.SendAsync(target.Url, payload.DeliveryId, target.EventType, target.Body, secrets, ct);
        var attempt = target.Attempts + 1;
        await RecordAttemptAsync(tx, payload, attempt, now, outcome, ct);
        if (outcome.Succeeded)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhooks.subscriptions SET consecutive_failures = 0 WHERE tenant_id = @tenant AND id = @id",
                new { tenant = tx.TenantId, id = target.SubscriptionId }, tx.Transaction, cancellationToken: ct));
            await FinishAsync(tx, payload.DeliveryId, "succeeded", now, ct);
            return;
        }

        var disabled = await notice.CountFailureAsync(tx, target.SubscriptionId, target.Url, outcome, now, ct);
        if (disabled || attempt - payload.SeriesStart >= options.Value.MaxAttempts)
        {
            await FinishAsync(tx, payload.DeliveryId, "failed", now, ct);
            return;
        }

        var due = now + RetryBackoff.Delay(attempt - payload.SeriesStart, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay, Random.Shared);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhooks.deliveries SET next_attempt_at = @due WHERE tenant_id = @tenant AND id = @id",
            new { tenant = tx.TenantId, id = payload.DeliveryId, due }, tx.Transaction, cancellationToken: ct));
        tx.Enqueue(DeliveryWriter.DeliverJob, payload with { Replay = false }, due);
    }

    private static Task<int> RecordAttemptAsync(TenantTransaction tx, DeliverPayload payload, int attempt, DateTimeOffset now,
        AttemptOutcome outcome, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhooks.deliveries SET attempts = @attempt WHERE tenant_id = @tenant AND id = @id;
            INSERT INTO webhooks.attempts (tenant_id, delivery_id, number, attempted_at, status_code, duration_ms, error, response_snippet, replay)
            VALUES (@tenant, @id, @attempt, @now, @status, @duration, @error, @snippet, @replay)
            """, new
        {
            tenant = tx.TenantId,
            id = payload.DeliveryId,
            attempt,
            now,
            status = outcome.StatusCode,
            duration = outcome.DurationMs,
            error = outcome.Error,
            snippet = outcome.ResponseSnippet,
            replay = payload.Replay,
        }, tx.Transaction, cancellationToken: ct));

    private static Task<int> FinishAsync(TenantTransaction tx, Guid id, string status, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhooks.deliveries SET status = @status, completed_at = @now, next_attempt_at = NULL
             WHERE tenant_id = @tenant AND id = @id
            """, new { tenant = tx.TenantId, id, status, now }, tx.Transaction, cancellationToken: ct));
}
