using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Stripe;

namespace Beacon.Payments.GatewayWebhooks;

/// <summary>
/// The gateway's webhook: anonymous, but only a body signed with our webhook secret (Stripe's <c>t=…,v1=…</c> scheme,
/// checked by Stripe.net's <see cref="EventUtility"/> against our clock) and fresh is read. Each gateway event is applied
/// once (an inbox keyed by its id); a repeat answers 200 so the gateway stops resending it.
/// </summary>
internal static class GatewayWebhookEndpoint
{
    public static void Map(RouteGroupBuilder payments) =>
        payments.MapPost("/webhooks/gateway", ReceiveAsync).AllowAnonymous().DisableAntiforgery()
            .WithName("ReceiveGatewayWebhook").WithSummary("The payment gateway's signed event notifications (Stripe-Signature).")
            .Accepts<object>("application/json");

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveAsync(HttpRequest request, Db db,
        GatewayEventApplier applier, TimeProvider clock, IOptions<PaymentsOptions> options, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return TypedResults.Problem("Gateway webhooks are not configured.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"].ToString(), secret,
                (long)options.Value.WebhookTolerance.TotalSeconds, clock.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (Exception e) when (e is StripeException or FormatException or OverflowException or System.Text.Json.JsonException
                                       or ArgumentException or InvalidOperationException)
        {
            return TypedResults.Problem(title: "The webhook's signature is invalid or too old.", detail: e.Message,
                statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = "Stripe-Signature" });
        }

        if (GatewayEventApplier.TenantOf(stripeEvent) is not { } tenant)
        {
            return TypedResults.Ok(new WebhookReceipt(stripeEvent.Id, "ignored"));
        }

        await using var tx = await db.BeginAsync(tenant, ct);
        var first = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO payments.gateway_events (tenant_id, event_id, type, object_id, received_at)
            VALUES (@tenant, @id, @type, @objectId, @now) ON CONFLICT DO NOTHING
            """, new { tenant, id = stripeEvent.Id, type = stripeEvent.Type, objectId = (stripeEvent.Data.Object as IHasId)?.Id, now = clock.GetUtcNow() },
            tx.Transaction, cancellationToken: ct));
        if (first == 0)
        {
            return TypedResults.Ok(new WebhookReceipt(stripeEvent.Id, "duplicate"));
        }

        var outcome = await applier.ApplyAsync(tx, stripeEvent, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new WebhookReceipt(stripeEvent.Id, outcome));
    }
}

/// <summary>What became of a gateway event: <c>applied</c>, <c>ignored</c> (nothing to do, e.g. already paid) or <c>duplicate</c>.</summary>
internal sealed record WebhookReceipt(string EventId, string Outcome);
