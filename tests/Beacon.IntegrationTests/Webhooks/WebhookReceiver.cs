using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Beacon.IntegrationTests.Webhooks;

/// <summary>One request as the receiver saw it.</summary>
internal sealed record ReceivedWebhook(string Id, string Event, string Timestamp, string Signature, string Body);

/// <summary>
/// An integrator's endpoint: real Kestrel on 127.0.0.1 with a free port. It answers each request with the next status
/// of its script (then <see cref="ThenStatus"/>) and keeps what it received.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script;

    private WebhookReceiver(WebApplication app, IEnumerable<int> script)
    {
        _app = app;
        _script = new ConcurrentQueue<int>(script);
    }

    /// <summary>A script entry that answers only after the delivery has timed out.</summary>
    public const int Hang = -1;

    /// <summary>A script entry that answers 200 after half a second: within the timeout, but slow enough to overlap.</summary>
    public const int Slow = -2;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public int ThenStatus { get; init; } = 200;

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(IEnumerable<int>? script = null, int thenStatus = 200)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, script ?? []) { ThenStatus = thenStatus };
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = address + "/hook";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        Received.Enqueue(new ReceivedWebhook(request.Headers["Beacon-Webhook-Id"].ToString(), request.Headers["Beacon-Webhook-Event"].ToString(),
            request.Headers["Beacon-Webhook-Timestamp"].ToString(), request.Headers["Beacon-Webhook-Signature"].ToString(), body));
        var status = _script.TryDequeue(out var next) ? next : ThenStatus;
        if (status == Hang)
        {
            // Longer than the test servers' webhook timeout: Beacon gives up on this attempt before it answers.
            await Task.Delay(TimeSpan.FromSeconds(4));
            status = 200;
        }
        else if (status == Slow)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            status = 200;
        }

        return Results.Text(status == 200 ? "ok" : $"receiver says {status}", statusCode: status);
    }

    public IReadOnlyList<ReceivedWebhook> OfType(string type) => Received.Where(r => r.Event == type).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
