using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Beacon.Sandbox.Identity;

/// <summary>
/// An OpenID Connect provider (OpenIddict) in the sandbox process, on a port of its own: authorization code with
/// PKCE, discovery, JWKS, and id_tokens carrying email, email_verified and name. A separate web host, so its
/// routes, middleware and store never mix with the providers'.
/// </summary>
internal static class IdentityProviderHost
{
    public const string ListeningPrefix = "Sandbox identity provider listening on ";

    public static async Task<WebApplication> StartAsync(IConfiguration configuration)
    {
        var settings = configuration.GetSection(IdentityProviderSettings.Section).Get<IdentityProviderSettings>()
            ?? new IdentityProviderSettings();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(settings.Urls);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<SandboxUsers>();
        builder.Services.AddSingleton<IdTokenTampering>();
        var database = "sandbox-identity-" + Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<IdentityProviderDb>(o => o.UseInMemoryDatabase(database).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(OpenIddictConstants.Scopes.Email, OpenIddictConstants.Scopes.Profile);
                // Keys live as long as the process: relying parties re-read the JWKS when a kid is new to them.
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.AddEventHandler<ApplyTokenResponseContext>(b => b.UseInlineHandler(TamperIdToken).SetOrder(int.MinValue + 100_000));
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.MapIdentityProviderEndpoints();
        app.MapIdentityProviderAdmin();
        await IdentityProviderClients.RegisterAsync(app.Services, settings.ClientId, settings.ClientSecret, settings.RedirectUris);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine(ListeningPrefix + address);
        }

        return app;
    }

    private static ValueTask TamperIdToken(ApplyTokenResponseContext context)
    {
        if (context.Response.IdToken is { } idToken)
        {
            var tampering = context.Transaction.GetHttpRequest()!.HttpContext.RequestServices.GetRequiredService<IdTokenTampering>();
            context.Response.IdToken = tampering.Apply(idToken, context.Options.SigningCredentials[0]);
        }

        return ValueTask.CompletedTask;
    }
}
