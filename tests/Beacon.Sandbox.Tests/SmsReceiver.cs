using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Sandbox.Tests;

/// <summary>A real local HTTP endpoint for the SMS gateway's callbacks (status changes and inbound texts).</summary>
internal sealed class SmsReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();

    private SmsReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/sms", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            await _received.Writer.WriteAsync(new Received(body, request.Headers["X-Sms-Signature"].ToString(),
                request.QueryString.Value ?? ""));
            return Results.Ok();
        });
    }

    public Uri Url { get; private set; } = null!;

    public static async Task<SmsReceiver> StartAsync()
    {
        var receiver = new SmsReceiver();
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/sms?tenant=sandbox-test"); // the query is signed too: it names the brokerage
        return receiver;
    }

    /// <summary>The next callback's form fields, or a failure once the deadline passes (a deadline, not a timing assertion).</summary>
    public async Task<Received> NextAsync() =>
        await _received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    internal sealed record Received(string Body, string Signature, string Query)
    {
        public Dictionary<string, string> Fields => Body.Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
    }
}
