using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Identity.Sso;

internal static class SsoRegistration
{
    public static IServiceCollection AddSingleSignOn(this IServiceCollection services)
    {
        services.AddOptions<SsoOptions>().BindConfiguration(SsoOptions.Section).ValidateOnStart();
        services.AddHttpClient(SsoPaths.HttpClientName);
        services.AddSingleton<DiscoveryCheck>();
        services.AddSingleton<SsoEvents>();
        services.AddSingleton<TenantOidc>();
        return services;
    }
}
