namespace Beacon.Enrichment.Providers;

internal enum OutcomeKind
{
    /// <summary>The provider knows the subject: fields follow.</summary>
    Match,

    /// <summary>The provider does not know the subject (<c>404</c>, a thin credit file): final, not retried.</summary>
    NoMatch,

    /// <summary><c>202</c>: the answer comes later at <see cref="ProviderOutcome.PollLocation"/>.</summary>
    Accepted,

    /// <summary>A transient failure (timeout, reset, 429, 5xx): retried later, counts against the breaker unless 429.</summary>
    Retry,

    /// <summary>A permanent failure (bad credentials, a request the provider rejects): not retried.</summary>
    Failed,

    /// <summary>Nothing was sent: this node's breaker is open. Not an attempt; the step waits for the trial.</summary>
    NotSent,
}

internal sealed record EnrichedField(string Name, string Value, double Confidence);

internal sealed record ProviderOutcome(
    OutcomeKind Kind,
    IReadOnlyList<EnrichedField> Fields,
    bool Billable = false,
    TimeSpan? RetryAfter = null,
    string? PollLocation = null,
    string? Error = null,
    bool Throttled = false)
{
    public static ProviderOutcome Match(IReadOnlyList<EnrichedField> fields) => new(OutcomeKind.Match, fields, Billable: true);

    public static ProviderOutcome NoMatch(string? detail = null, bool billable = false) =>
        new(OutcomeKind.NoMatch, [], Billable: billable, Error: detail);

    public static ProviderOutcome Accepted(string location, TimeSpan? retryAfter) =>
        new(OutcomeKind.Accepted, [], RetryAfter: retryAfter, PollLocation: location);

    public static ProviderOutcome Retry(string error, TimeSpan? retryAfter = null, bool throttled = false) =>
        new(OutcomeKind.Retry, [], RetryAfter: retryAfter, Error: error, Throttled: throttled);

    public static ProviderOutcome Failed(string error) => new(OutcomeKind.Failed, [], Error: error);

    public static ProviderOutcome NotSent(TimeSpan retryAfter) => new(OutcomeKind.NotSent, [], RetryAfter: retryAfter, Error: "circuit open; waiting");

    /// <summary>Whether the provider itself looked healthy (what the circuit breaker counts).</summary>
    public bool ProviderHealthy => Kind != OutcomeKind.Retry || Throttled;
}
