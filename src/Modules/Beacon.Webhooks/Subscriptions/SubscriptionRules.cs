using Beacon.Webhooks.Events;
using Beacon.Webhooks.Targets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Webhooks.Subscriptions;

/// <summary>What DataAnnotations cannot say about a subscription: a reachable, permitted URL and known event types.</summary>
internal static class SubscriptionRules
{
    public static async Task<ValidationProblem?> CheckAsync(TargetGuard guard, string? url, string[]? eventTypes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < (eventTypes?.Length ?? 0); i++)
        {
            if (!WebhookEventTypes.IsKnown(eventTypes![i]))
            {
                errors[$"eventTypes[{i}]"] = [$"Unknown event type; one of {string.Join(", ", WebhookEventTypes.All)}."];
            }
        }

        if (url is not null && await guard.RefusalAsync(url.Trim(), ct) is { } refusal)
        {
            errors["url"] = [refusal];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}
