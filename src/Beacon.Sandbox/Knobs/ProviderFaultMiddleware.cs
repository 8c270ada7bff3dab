using System.Globalization;

namespace Beacon.Sandbox.Knobs;

/// <summary>
/// Applies a provider's knobs in front of its handlers, in this order: count the call, wait the latency, outage
/// (503 or reset), wrong credential (401), throttling (429), injected error (500), then the real handler.
/// Auth comes before throttling because real providers rate-limit per key.
/// </summary>
internal sealed class ProviderFaultMiddleware(RequestDelegate next, SandboxState state, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var wire = endpoint?.Metadata.GetMetadata<IProviderWire>();
        if (wire is null)
        {
            await next(context);
            return;
        }

        var runtime = state.Provider(wire.Name);
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value;
        state.Counters.Arrived(wire.Name, context.Request.Method + " " + pattern);
        context.Response.OnStarting(() =>
        {
            state.Counters.Answered(wire.Name, context.Response.StatusCode);
            return Task.CompletedTask;
        });

        var latency = runtime.NextLatencyMs();
        if (latency > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(latency), time, context.RequestAborted);
        }

        var knobs = runtime.Knobs;
        if (knobs.Outage == OutageMode.Reset)
        {
            state.Counters.Answered(wire.Name, 0);
            context.Abort();
            return;
        }

        var fault = Fault(context, wire, runtime, knobs);
        if (fault is not null)
        {
            await fault.ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private IResult? Fault(HttpContext context, IProviderWire wire, ProviderRuntime runtime, ProviderKnobs knobs)
    {
        if (knobs.Outage == OutageMode.Unavailable)
        {
            SetRetryAfter(context, Math.Max(1, knobs.RetryAfterSeconds));
            return wire.Error(context, FaultKind.Unavailable, $"The {wire.Name} service is temporarily unavailable.");
        }

        if (!string.Equals(wire.ReadCredential(context.Request), knobs.ApiKey, StringComparison.Ordinal))
        {
            return wire.Error(context, FaultKind.Unauthorized, "The API key is missing or invalid.");
        }

        if (runtime.Throttle(time.GetUtcNow()) is int retryAfter)
        {
            SetRetryAfter(context, retryAfter);
            return wire.Error(context, FaultKind.RateLimited, "Rate limit exceeded; retry after the Retry-After delay.");
        }

        return runtime.NextIsError()
            ? wire.Error(context, FaultKind.ServerError, "An internal error occurred (injected by the sandbox).")
            : null;
    }

    private static void SetRetryAfter(HttpContext context, int seconds) =>
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
}
