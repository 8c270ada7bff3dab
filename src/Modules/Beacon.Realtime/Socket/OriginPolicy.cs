using Microsoft.AspNetCore.Http;

namespace Beacon.Realtime.Socket;

/// <summary>
/// Browsers send Origin with every WebSocket handshake and do not apply CORS to it, so the server must: its own
/// origin and the configured ones are allowed; non-browser clients (no Origin) authenticate like any API client.
/// </summary>
internal static class OriginPolicy
{
    public static bool Allows(HttpRequest request, IReadOnlyCollection<string> allowed)
    {
        string origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var own = request.Host.HasValue && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return own || allowed.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
    }
}
