using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Sandbox.Gateway;

/// <summary>Test controls of the gateway, under the loopback-only <c>/_sandbox</c> group.</summary>
internal static class GatewayAdminEndpoints
{
    internal sealed record WebhookEndpointRequest(Uri? Url, string? Secret);

    internal sealed record WebhookEndpointResponse(Uri? Url, string ApiVersion, IReadOnlyList<double> RetryDelaysMs);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/gateway/webhook-endpoint", (WebhookEndpointRequest request, GatewayWebhooks webhooks) =>
        {
            webhooks.Configure(request.Url, request.Secret);
            return Describe(webhooks);
        }).WithName("SandboxGatewayWebhookEndpoint").WithSummary("Where the gateway posts its events (and with which secret).");
        admin.MapGet("/gateway/webhook-endpoint", (GatewayWebhooks webhooks) => Describe(webhooks)).WithName("SandboxGatewayWebhookEndpointGet");
        admin.MapGet("/gateway/events", (GatewayWebhooks webhooks) => TypedResults.Ok(webhooks.Log()))
            .WithName("SandboxGatewayEvents").WithSummary("Every event and its deliveries so far.");
        admin.MapPost("/gateway/events/{id}/resend", Results<NoContent, NotFound> (string id, GatewayWebhooks webhooks) =>
            webhooks.Resend(id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("SandboxGatewayResend").WithSummary("Deliver an event again (receivers must not apply it twice).");
    }

    private static Ok<WebhookEndpointResponse> Describe(GatewayWebhooks webhooks) => TypedResults.Ok(new WebhookEndpointResponse(
        webhooks.Settings.Url, webhooks.Settings.ApiVersion, [.. webhooks.Settings.RetryDelays.Select(d => d.TotalMilliseconds)]));
}
