namespace Beacon.Identity.Sso;

/// <summary><c>Beacon:Sso</c>: single sign-on through each brokerage's OpenID Connect provider (ADR 0025).</summary>
internal sealed class SsoOptions
{
    public const string Section = "Beacon:Sso";

    /// <summary>
    /// Whether a provider may sit on a loopback address over plain HTTP: the sandbox's in development and tests.
    /// Off in production, where a provider is HTTPS and Beacon must not be pointed at its own host's services.
    /// </summary>
    public bool AllowLoopbackProviders { get; set; }

    /// <summary>How long the web app has to collect a verified sign-in from the callback's redirect.</summary>
    public TimeSpan HandoffLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Discovery and token calls to a provider give up after this long.</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
