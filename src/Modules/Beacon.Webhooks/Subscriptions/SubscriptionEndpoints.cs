using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Secrets;
using Beacon.SharedKernel.Tenancy;
using Beacon.Webhooks.Events;
using Beacon.Webhooks.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Webhooks.Subscriptions;

internal static class SubscriptionEndpoints
{
    public static void Map(RouteGroupBuilder hooks)
    {
        hooks.MapGet("/event-types", () => TypedResults.Ok(WebhookEventTypes.All)).WithName("ListWebhookEventTypes")
            .WithSummary("The event types a webhook subscription may choose.");
        hooks.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("The tenant's webhook subscriptions (never their secrets).");
        hooks.MapPost("/", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to event types; the signing secret is shown once.");
        hooks.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook").WithSummary("One webhook subscription.");
        hooks.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateWebhook")
            .WithSummary("Change a subscription's URL, event types or description, or disable or re-enable it.");
        hooks.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhook")
            .WithSummary("Delete a subscription and its delivery log.");
    }

    private static async Task<Ok<IEnumerable<SubscriptionResponse>>> ListAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok(await SubscriptionStore.ListAsync(conn, actor.TenantId(), ct));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, NotFound>> GetAsync(Guid id, ClaimsPrincipal actor, Db db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return await SubscriptionStore.GetAsync(conn, actor.TenantId(), id, ct) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.NotFound();
    }

    private static async Task<Results<Created<SubscriptionWithSecret>, ValidationProblem>> CreateAsync(
        CreateSubscriptionRequest request, ClaimsPrincipal actor, Db db, TargetGuard guard, SecretSeal seal, TimeProvider clock,
        CancellationToken ct)
    {
        if (await SubscriptionRules.CheckAsync(guard, request.Url, request.EventTypes, ct) is { } invalid)
        {
            return invalid;
        }

        var secret = WebhookSecret.Create();
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var created = await SubscriptionStore.InsertAsync(conn, actor.TenantId(), request, secret, seal, actor.UserId(), clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/webhooks/{created.Id}", new SubscriptionWithSecret(created, secret));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, NotFound, ValidationProblem>> UpdateAsync(Guid id,
        UpdateSubscriptionRequest request, ClaimsPrincipal actor, Db db, TargetGuard guard, TimeProvider clock, CancellationToken ct)
    {
        if (await SubscriptionRules.CheckAsync(guard, request.Url, request.EventTypes, ct) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return await SubscriptionStore.UpdateAsync(conn, actor.TenantId(), id, request, clock.GetUtcNow(), ct) is { } updated
            ? TypedResults.Ok(updated)
            : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return await SubscriptionStore.DeleteAsync(conn, actor.TenantId(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
