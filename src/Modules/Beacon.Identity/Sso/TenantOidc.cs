using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Beacon.Identity.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Sso;

/// <summary>
/// ASP.NET Core's OpenID Connect handler, one configuration per brokerage. The handler is not registered as a
/// scheme (the authentication middleware would then run every brokerage's handler on every request); the start and
/// callback endpoints create it for the brokerage at hand and call it. Options are built once per brokerage and
/// settings version (so discovery and JWKS stay cached) and rebuilt when the settings change.
/// </summary>
internal sealed class TenantOidc(KeyProtector protector, IHttpClientFactory clients, IDataProtectionProvider dataProtection,
    ILoggerFactory loggers, TimeProvider clock, IOptions<SsoOptions> options, SsoEvents events)
{
    private static readonly AuthenticationScheme Scheme = new("sso", "Single sign-on", typeof(OpenIdConnectHandler));
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Version, OpenIdConnectOptions Options)> _options = new();

    public ISecureDataFormat<AuthenticationProperties> State { get; } = SsoDataFormats.State(protector);

    public async Task<OpenIdConnectHandler> HandlerAsync(SsoSettings settings, HttpContext http)
    {
        var built = _options.AddOrUpdate(settings.TenantId, _ => (settings.UpdatedAt, Build(settings)),
            (_, cached) => cached.Version == settings.UpdatedAt ? cached : (settings.UpdatedAt, Build(settings)));
        var handler = new OpenIdConnectHandler(new FixedOptions(built.Options), loggers, HtmlEncoder.Default, UrlEncoder.Default);
        await handler.InitializeAsync(Scheme, http);
        return handler;
    }

    private OpenIdConnectOptions Build(SsoSettings settings)
    {
        var o = new OpenIdConnectOptions
        {
            Authority = settings.Issuer,
            ClientId = settings.ClientId,
            ClientSecret = settings.OpenSecret(protector),
            ResponseType = "code",
            ResponseMode = "query",
            UsePkce = true,
            MapInboundClaims = false,
            SaveTokens = false,
            GetClaimsFromUserInfoEndpoint = false,
            CallbackPath = SsoPaths.Callback,
            RequireHttpsMetadata = !(options.Value.AllowLoopbackProviders && DiscoveryCheck.IsLoopback(new Uri(settings.Issuer))),
            TimeProvider = clock,
            Backchannel = clients.CreateClient(SsoPaths.HttpClientName),
            BackchannelTimeout = options.Value.ProviderTimeout,
            StateDataFormat = State,
            StringDataFormat = SsoDataFormats.Nonce(protector),
            Events = events.For(settings),
        };
        o.Scope.Add("email");
        o.TokenValidationParameters.NameClaimType = "name";
        // The provider sends the browser back with a top-level GET (response_mode=query), which SameSite=Lax
        // cookies accompany; None would need Secure, which plain-HTTP development cannot give.
        foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        new OpenIdConnectPostConfigureOptions(dataProtection).PostConfigure(Scheme.Name, o);
        return o;
    }

    private sealed class FixedOptions(OpenIdConnectOptions options) : IOptionsMonitor<OpenIdConnectOptions>
    {
        public OpenIdConnectOptions CurrentValue => options;

        public OpenIdConnectOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;
    }
}
