using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.Contracts.Leads;
using Beacon.Workflows.Definitions;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.Engine;

/// <summary>What one POST came to: the receiver's status, or why there was none.</summary>
internal sealed record WebhookAttempt(int? Status, string? Error)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public string Failure => Status?.ToString(CultureInfo.InvariantCulture) ?? Error ?? "no answer";
}

/// <summary>
/// POSTs a webhook step's JSON signed with the scheme of Beacon.Webhooks' deliveries (docs/webhooks.md): headers
/// <c>Beacon-Webhook-Id</c>, <c>-Event</c> (<c>workflow.step</c>), <c>-Timestamp</c> and <c>-Signature</c> =
/// <c>v1=</c> + hex HMAC-SHA256 keyed by the secret over <c>{unix seconds}.{body}</c>, so one receiver's check serves both.
/// </summary>
internal sealed class WebhookPoster(IHttpClientFactory clients, IOptions<WorkflowWebhookOptions> options, TimeProvider clock)
{
    public const string Client = "workflows.webhook";
    public const string Event = "workflow.step";

    public static string Body(WebhookDue due, WorkflowVersion workflow, LeadSnapshot lead, DateTimeOffset now) =>
        JsonSerializer.Serialize(new
        {
            deliveryId = due.DeliveryId,
            @event = Event,
            sentAt = now,
            workflow = new { id = workflow.WorkflowId, name = workflow.Name, version = workflow.Version },
            step = due.Step + 1,
            enrollmentId = due.EnrollmentId,
            lead = new
            {
                id = lead.LeadId,
                lead.FirstName,
                lead.LastName,
                lead.Emails,
                lead.Phones,
                lead.Stage,
                lead.Type,
                lead.Source,
                lead.Tags,
                assignedTo = lead.AssignedTo,
            },
        }, JsonSerializerOptions.Web);

    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));

    public async Task<WebhookAttempt> PostAsync(string url, string secret, Guid deliveryId, string body, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Beacon-Webhook-Id", deliveryId.ToString());
        request.Headers.Add("Beacon-Webhook-Event", Event);
        request.Headers.Add("Beacon-Webhook-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Beacon-Webhook-Signature", Sign(secret, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Beacon-Workflows", "1"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new WebhookAttempt((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(null, string.Create(CultureInfo.InvariantCulture, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(null, e.InnerException?.Message ?? e.Message);
        }
    }
}
