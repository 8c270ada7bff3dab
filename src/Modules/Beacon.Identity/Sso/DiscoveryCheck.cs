using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Sso;

/// <summary>
/// Reads a provider's discovery document before its settings are saved, so a typo is refused at once with a reason
/// (instead of every colleague's sign-in failing later): reachable, JSON, the same issuer, and the endpoints the
/// authorization code flow needs. Its client connects only where <see cref="SsoTargets"/> permits.
/// </summary>
internal sealed class DiscoveryCheck(IHttpClientFactory clients, SsoTargets targets, IOptions<SsoOptions> options)
{
    /// <summary>Null when the issuer is usable, else what is wrong with it.</summary>
    public async Task<string?> ProblemWithAsync(Uri issuer, CancellationToken ct)
    {
        if (issuer.Scheme != Uri.UriSchemeHttps && !(options.Value.AllowLoopbackProviders && IsLoopback(issuer)))
        {
            return "The issuer must be an https:// address.";
        }

        if (IsLoopback(issuer) && !options.Value.AllowLoopbackProviders)
        {
            return "The issuer cannot be on this server's own network address.";
        }

        if (await targets.RefusalAsync(issuer, ct) is { } refusal)
        {
            return refusal;
        }

        var address = new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.ProviderTimeout);
        try
        {
            using var response = await clients.CreateClient(SsoPaths.HttpClientName).GetAsync(address, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"The provider's discovery document ({address}) answered {(int)response.StatusCode}.";
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(timeout.Token));
            return Inspect(document.RootElement, issuer);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return $"The provider's discovery document ({address}) could not be read: {e.Message}";
        }
    }

    private static string? Inspect(JsonElement document, Uri issuer)
    {
        var announced = document.TryGetProperty("issuer", out var value) ? value.GetString() : null;
        if (announced is null || !announced.TrimEnd('/').Equals(issuer.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            return $"The provider calls itself \"{announced}\", not this issuer: use exactly its issuer address.";
        }

        foreach (var endpoint in (string[])["authorization_endpoint", "token_endpoint", "jwks_uri"])
        {
            if (!document.TryGetProperty(endpoint, out var uri) || uri.ValueKind != JsonValueKind.String)
            {
                return $"The provider's discovery document has no {endpoint}.";
            }
        }

        return null;
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
