using Beacon.Contracts.Leads;

namespace Beacon.Enrichment.Providers;

/// <summary>An external enrichment API behind a typed HTTP client (the boundary the sandbox stands in for).</summary>
internal interface IEnrichmentProvider
{
    string Name { get; }

    /// <summary>The question for this lead, or null when the lead lacks what the provider needs.</summary>
    ProviderInput? InputFor(LeadSnapshot lead, CreditConsent? consent);

    /// <summary>One attempt: the lookup, or the poll of an earlier <c>202</c> when <paramref name="pollLocation"/> is set.</summary>
    Task<ProviderOutcome> CallAsync(ProviderInput input, string? pollLocation, CancellationToken ct);
}
