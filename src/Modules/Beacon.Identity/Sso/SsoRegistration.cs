using Beacon.SharedKernel.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Identity.Sso;

internal static class SsoRegistration
{
    public static IServiceCollection AddSingleSignOn(this IServiceCollection services)
    {
        services.AddOptions<SsoOptions>().BindConfiguration(SsoOptions.Section).ValidateOnStart();
        services.AddSingleton<SsoTargets>();
        services.AddHttpClient(SsoPaths.HttpClientName) // discovery, keys and tokens: never to our own network (SsoTargets)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnection.Handler(sp.GetRequiredService<SsoTargets>().PermittedAddressesAsync));
        services.AddSingleton<DiscoveryCheck>();
        services.AddSingleton<SsoEvents>();
        services.AddSingleton<TenantOidc>();
        return services;
    }
}
