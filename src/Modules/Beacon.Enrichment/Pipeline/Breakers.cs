using Microsoft.Extensions.Options;

namespace Beacon.Enrichment.Pipeline;

/// <summary>The breakers of this node, one per provider (see docs/enrichment.md: per node, not shared).</summary>
internal sealed class Breakers(IOptions<EnrichmentOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, CircuitBreaker> _breakers = ProviderNames.All.ToDictionary(p => p, p =>
        new CircuitBreaker(options.Value.For(p).BreakerFailures, options.Value.For(p).BreakerOpen, clock));

    public CircuitBreaker For(string provider) => _breakers[provider];
}
