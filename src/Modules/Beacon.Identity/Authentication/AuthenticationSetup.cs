using Beacon.Contracts.Identity;
using Beacon.Identity.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Authentication;

/// <summary>
/// Who is calling (ADR 0012): a policy scheme, <c>Beacon</c>, forwards each request to JwtBearer (access tokens,
/// validated by <see cref="AccessTokenValidation"/>) or to the API-key scheme, by the credential it carries.
/// </summary>
internal static class AuthenticationSetup
{
    public static IServiceCollection AddBeaconAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<SigningKeyConfiguration>();
        services.AddSingleton<RememberingTokenHandler>();
        services.AddSingleton<AccessTokenValidation>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<TokenUserCheck>();
        services.AddSingleton<BeaconJwtEvents>();
        services.AddSingleton<IAccessTokenValidator, AccessTokenValidator>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthentication(BeaconPrincipal.Scheme)
            .AddPolicyScheme(BeaconPrincipal.Scheme, "Access token or API key", o => o.ForwardDefaultSelector = http =>
                BeaconPrincipal.ReadCredential(http.Request).Kind == BeaconPrincipal.ApiKeyScheme
                    ? BeaconPrincipal.ApiKeyScheme
                    : BeaconPrincipal.BearerScheme)
            .AddJwtBearer(BeaconPrincipal.BearerScheme, _ => { })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(BeaconPrincipal.ApiKeyScheme, null);
        return services;
    }

    /// <summary>JwtBearer with our one handler and parameters (not its own defaults) and our events.</summary>
    private sealed class ConfigureJwtBearer(AccessTokenValidation validation) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != BeaconPrincipal.BearerScheme)
            {
                return;
            }

            options.MapInboundClaims = false;
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(validation.Handler);
            options.TokenValidationParameters = validation.Parameters;
            options.EventsType = typeof(BeaconJwtEvents);
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}
