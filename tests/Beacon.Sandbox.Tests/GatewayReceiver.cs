using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Sandbox.Tests;

/// <summary>A real local HTTP endpoint for the gateway's webhooks: answers 500 to the first <c>failFirst</c> posts, then 200.</summary>
internal sealed class GatewayReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private int _count;

    private GatewayReceiver(int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var n = Interlocked.Increment(ref _count);
            await _received.Writer.WriteAsync(new Received(body, request.Headers["Stripe-Signature"].ToString()));
            return n <= failFirst ? Results.StatusCode(500) : Results.Ok();
        });
    }

    public Uri Url { get; private set; } = null!;

    public static async Task<GatewayReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new GatewayReceiver(failFirst);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/hook");
        return receiver;
    }

    /// <summary>The next delivery, or a failure once the deadline passes (a deadline, not a timing assertion).</summary>
    public async Task<Received> NextAsync() =>
        await _received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    internal sealed record Received(string Body, string Signature);
}
