using Beacon.Enrichment.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Enrichment.Pipeline;

/// <summary>Resolves a provider's typed HTTP client (transient, from IHttpClientFactory) by name.</summary>
internal sealed class ProviderClients(IServiceProvider services)
{
    public IEnrichmentProvider Get(string provider) => provider switch
    {
        ProviderNames.Property => services.GetRequiredService<PropertyClient>(),
        ProviderNames.Person => services.GetRequiredService<PersonClient>(),
        ProviderNames.Credit => services.GetRequiredService<CreditClient>(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };
}
