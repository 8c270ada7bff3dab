using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Beacon.Sandbox.Llm;

/// <summary>
/// The fake OpenAI-compatible model, a web host of its own in the sandbox process (like the identity provider):
/// <c>/v1/chat/completions</c>, and test controls under <c>/_sandbox/llm</c> for loopback callers —
/// <c>GET requests</c> (what Beacon sent), <c>DELETE requests</c>, <c>POST faults {status, delayMs, times}</c>,
/// <c>DELETE faults</c>.
/// </summary>
internal static class LlmHost
{
    public const string ListeningPrefix = "Sandbox LLM listening on ";

    public static async Task<WebApplication> StartAsync(IConfiguration configuration)
    {
        var settings = configuration.GetSection(LlmSettings.Section).Get<LlmSettings>() ?? new LlmSettings();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(settings.Urls);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<LlmState>();
        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Build();
        app.MapLlmEndpoints();
        var admin = app.MapGroup("/_sandbox/llm").AddEndpointFilter(async (context, next) =>
        {
            var remote = context.HttpContext.Connection.RemoteIpAddress;
            return remote is null || IPAddress.IsLoopback(remote)
                ? await next(context)
                : Results.Problem("The sandbox admin API answers loopback callers only.", statusCode: 403);
        });
        admin.MapGet("/requests", (LlmState state) => Results.Ok(new JsonArray([.. state.Received.Select(r => r.DeepClone())])));
        admin.MapDelete("/requests", (LlmState state) =>
        {
            state.Received.Clear();
            return Results.NoContent();
        });
        admin.MapPost("/faults", (LlmFault fault, LlmState state) =>
        {
            state.Arm(fault);
            return Results.NoContent();
        });
        admin.MapDelete("/faults", (LlmState state) =>
        {
            state.Arm(null);
            return Results.NoContent();
        });
        await app.StartAsync();
        foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            Console.WriteLine(ListeningPrefix + address);
        }

        return app;
    }
}
