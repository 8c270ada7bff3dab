using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Beacon.Webhooks.Delivery;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Webhooks.Notices;

/// <summary>
/// Counts a subscription's failed attempts in a row; at <see cref="WebhookOptions.DisableAfterConsecutiveFailures"/> it
/// disables the subscription, records why (the UI shows it) and e-mails the brokerage's owners, in the same transaction.
/// </summary>
internal sealed class DisabledNotice(IOptions<WebhookOptions> options, IOptions<NoticeLinks> links)
{
    /// <summary>True when the subscription is disabled now (so no retry is queued).</summary>
    public async Task<bool> CountFailureAsync(TenantTransaction tx, Guid subscriptionId, string url, AttemptOutcome outcome,
        DateTimeOffset now, CancellationToken ct)
    {
        var limit = options.Value.DisableAfterConsecutiveFailures;
        var reason = $"Disabled after {limit} failed deliveries in a row; the last: {Describe(outcome)}";
        var disabled = await tx.Connection.QuerySingleAsync<bool>(new CommandDefinition("""
            UPDATE webhooks.subscriptions
               SET consecutive_failures = consecutive_failures + 1,
                   active = consecutive_failures + 1 < @limit,
                   disabled_at = CASE WHEN consecutive_failures + 1 >= @limit THEN @now END,
                   disabled_reason = CASE WHEN consecutive_failures + 1 >= @limit THEN @reason END,
                   updated_at = @now
             WHERE tenant_id = @tenant AND id = @id
            RETURNING NOT active
            """, new { tenant = tx.TenantId, id = subscriptionId, limit, now, reason }, tx.Transaction, cancellationToken: ct));
        if (disabled)
        {
            await TellOwnersAsync(tx, subscriptionId, url, reason, ct);
        }

        return disabled;
    }

    private async Task TellOwnersAsync(TenantTransaction tx, Guid subscriptionId, string url, string reason, CancellationToken ct)
    {
        var owners = await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            SELECT email FROM webhooks.recipients WHERE tenant_id = @tenant AND role = 'owner' AND active ORDER BY email
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        var page = $"{links.Value.PublicUrl.TrimEnd('/')}/settings/webhooks";
        foreach (var owner in owners)
        {
            tx.EnqueueEmail(new EmailMessage(owner, "A Beacon webhook was disabled", $"""
                Beacon stopped sending events to {url} (subscription {subscriptionId}).

                {reason}

                Fix the receiver, then re-enable the subscription and replay the failed deliveries at {page}.
                """));
        }
    }

    private static string Describe(AttemptOutcome outcome) =>
        outcome.StatusCode is { } status ? $"HTTP {status}." : outcome.Error ?? "no answer.";
}

/// <summary>Where the e-mailed notice points: the same public URL Identity's e-mailed links start with.</summary>
internal sealed class NoticeLinks
{
    public const string Section = "Beacon:Auth";

    public string PublicUrl { get; set; } = "http://localhost:5080";
}
