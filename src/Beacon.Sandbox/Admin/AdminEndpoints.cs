using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.Sandbox.Gateway;
using Beacon.Sandbox.Knobs;
using Beacon.Sandbox.Person;
using Beacon.Sandbox.Sms;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Beacon.Sandbox.Admin;

/// <summary>
/// Test-facing controls under <c>/_sandbox</c>: no auth (the sandbox is a local test double), but refused to any
/// caller that is not on loopback, so a sandbox bound to a wider interface by mistake cannot be steered remotely.
/// </summary>
internal static class AdminEndpoints
{
    public static void MapSandboxAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/_sandbox").WithTags("Sandbox admin").AddEndpointFilter(async (context, next) =>
        {
            var remote = context.HttpContext.Connection.RemoteIpAddress;
            // TestServer has no socket and leaves the address null; that is in-process, hence local.
            return remote is null || IPAddress.IsLoopback(remote)
                ? await next(context)
                : TypedResults.Problem("The sandbox admin API answers loopback callers only.", statusCode: 403);
        });

        group.MapGet("/ping", () => TypedResults.Text("ok")).WithName("SandboxPing");
        group.MapGet("/calls", GetCalls).WithName("SandboxCalls").WithSummary("Calls per provider and endpoint.");
        group.MapPost("/reset", Reset).WithName("SandboxReset").WithSummary("Counters, knobs and lookups back to start.");
        group.MapGet("/knobs", GetKnobs).WithName("SandboxKnobs").WithSummary("Current knobs of every provider.");
        group.MapPost("/knobs/{provider}", SetKnobs).WithName("SandboxSetKnobs").WithSummary("Change some knobs of a provider.");
        GatewayAdminEndpoints.Map(group);
        SmsAdminEndpoints.Map(group);
    }

    private static Ok<CallsSnapshot> GetCalls(SandboxState state) =>
        TypedResults.Ok(state.Counters.Snapshot(SandboxState.ProviderNames));

    private static NoContent Reset(SandboxState state, PersonLookups lookups, GatewayLedger ledger, GatewayWebhooks webhooks,
        SmsLedger sms)
    {
        state.Reset();
        lookups.Clear();
        ledger.Reset();
        webhooks.Reset();
        sms.Reset();
        return TypedResults.NoContent();
    }

    private static Ok<SortedDictionary<string, ProviderKnobs>> GetKnobs(SandboxState state) =>
        TypedResults.Ok(new SortedDictionary<string, ProviderKnobs>(
            SandboxState.ProviderNames.ToDictionary(n => n, n => state.Provider(n).Knobs), StringComparer.Ordinal));

    /// <summary>Merges the posted fields over the current knobs; fields not posted keep their value.</summary>
    private static async Task<Results<Ok<ProviderKnobs>, NotFound, ProblemHttpResult>> SetKnobs(
        string provider, HttpRequest request, SandboxState state, IOptions<JsonOptions> json)
    {
        if (!state.TryGetProvider(provider, out var runtime))
        {
            return TypedResults.NotFound();
        }

        var options = json.Value.SerializerOptions;
        try
        {
            var patch = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject
                ?? throw new JsonException("The body must be a JSON object.");
            var merged = JsonSerializer.SerializeToNode(runtime.Knobs, options)!.AsObject();
            foreach (var (name, value) in patch)
            {
                var key = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new JsonException($"Unknown knob '{name}'.");
                merged[key] = value?.DeepClone();
            }

            var knobs = merged.Deserialize<ProviderKnobs>(options)!;
            runtime.Apply(knobs);
            return TypedResults.Ok(runtime.Knobs);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            return TypedResults.Problem(e.Message, statusCode: 400, title: "Invalid knobs");
        }
    }
}
