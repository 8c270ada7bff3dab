namespace Beacon.SharedKernel.RateLimits;

/// <summary>What a limit counts. One policy names a quota per window for each, per principal and per tenant.</summary>
public enum RateLimitScope
{
    /// <summary>Calls to the REST API under <c>/api/v1</c>.</summary>
    Rest,

    /// <summary>Messages a browser sends on the live WebSocket.</summary>
    Socket,

    /// <summary>Requests to the assistant.</summary>
    Assistant,

    /// <summary>Lead imports started.</summary>
    Import,
}
