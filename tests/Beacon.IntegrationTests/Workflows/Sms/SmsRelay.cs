using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.IntegrationTests.Workflows.Sms;

/// <summary>
/// A real socket for the sandbox gateway's callbacks to reach the in-process server: each POST is passed on unchanged
/// (path, query, body, content type and <c>X-Sms-Signature</c>) through the server's real pipeline.
/// </summary>
internal sealed class SmsRelay : IAsyncDisposable
{
    private readonly WebApplication _app;
    private Func<HttpClient>? _target;

    private SmsRelay()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var forward = new HttpRequestMessage(HttpMethod.Post, context.Request.Path + context.Request.QueryString)
            {
                Content = new StreamContent(context.Request.Body),
            };
            forward.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            forward.Headers.TryAddWithoutValidation("X-Sms-Signature", context.Request.Headers["X-Sms-Signature"].ToString());
            using var client = (_target ?? throw new InvalidOperationException("No server to relay to yet."))();
            using var answer = await client.SendAsync(forward, context.RequestAborted);
            return Results.Text(await answer.Content.ReadAsStringAsync(context.RequestAborted), "application/json",
                statusCode: (int)answer.StatusCode);
        });
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<SmsRelay> StartAsync()
    {
        var relay = new SmsRelay();
        await relay._app.StartAsync();
        relay.BaseAddress = new Uri(relay._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return relay;
    }

    public void RelayTo(Func<HttpClient> target) => _target = target;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
