namespace Beacon.Sandbox.Knobs;

/// <summary>
/// The fault and behaviour knobs of one sandbox provider. Bound at start from configuration section
/// <c>Sandbox:{Provider}</c> (e.g. <c>--Sandbox:Property:LatencyMs=50-200</c>) and replaceable at run time through
/// <c>POST /_sandbox/knobs/{provider}</c>. Immutable: a change swaps the whole record, so a request sees one
/// consistent set.
/// </summary>
internal sealed record ProviderKnobs
{
    /// <summary>The only credential the provider accepts; anything else is answered 401.</summary>
    public string ApiKey { get; init; } = "";

    /// <summary>Added delay before answering: <c>"0"</c>, a fixed <c>"120"</c> or a uniform range <c>"50-200"</c>.</summary>
    public string LatencyMs { get; init; } = "0";

    /// <summary>Share of admitted calls answered 500, in [0, 1].</summary>
    public double ErrorRate { get; init; }

    /// <summary>When set, error draws come from a seeded sequence, so a test sees the same calls fail every run.</summary>
    public int? ErrorSeed { get; init; }

    public OutageMode Outage { get; init; }

    /// <summary>The next N calls are answered 429 with Retry-After (a burst), then calls pass again.</summary>
    public int Throttle429Next { get; init; }

    /// <summary>When above 0, calls beyond this many per clock second are answered 429.</summary>
    public int RateLimitPerSecond { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Person only: how long a cold (202) lookup takes before its poll answers 200.</summary>
    public int AsyncDelayMs { get; init; } = 1500;

    /// <summary>Person only: an input whose hash mod ColdModulus equals ColdRemainder is cold (0 turns it off).</summary>
    public int ColdModulus { get; init; } = 4;

    public int ColdRemainder { get; init; } = 1;

    /// <summary>Person only: an input whose hash mod NoMatchModulus is 0 has no match (0 turns it off).</summary>
    public int NoMatchModulus { get; init; } = 10;

    public void Validate(string provider)
    {
        _ = LatencyRange.Parse(LatencyMs);
        if (ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate))
        {
            throw new ArgumentException($"Sandbox:{provider}:ErrorRate must be within [0, 1].");
        }

        if (Throttle429Next < 0 || RateLimitPerSecond < 0 || RetryAfterSeconds < 0 || AsyncDelayMs < 0
            || ColdModulus < 0 || NoMatchModulus < 0)
        {
            throw new ArgumentException($"Sandbox:{provider}: counts and delays cannot be negative.");
        }
    }
}
