using Beacon.Enrichment.Providers;
using Microsoft.Extensions.Options;

namespace Beacon.Enrichment.Pipeline;

/// <summary>
/// The breakers of this node, one Polly pipeline per provider (see docs/enrichment.md: per node, not shared; a
/// breaker is about a provider, not a tenant, and a shared row would be written on every call).
/// </summary>
internal sealed class ProviderGuards(IOptions<EnrichmentOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, ProviderGuard> _guards =
        ProviderNames.All.ToDictionary(p => p, p => new ProviderGuard(options.Value.For(p), clock));

    public ProviderGuard For(string provider) => _guards[provider];
}
