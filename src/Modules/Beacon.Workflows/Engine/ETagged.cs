using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Beacon.Workflows.Engine;

/// <summary>
/// A weak ETag over a list's JSON: the enrollment screens poll as a fallback (live events are the fast path), and an
/// unchanged list answers 304 without a body. The list is still read; the saving is the transfer and the re-render.
/// </summary>
internal static class ETagged
{
    /// <summary>Sets the ETag of <paramref name="body"/>; true when the caller already holds it (If-None-Match).</summary>
    public static bool NotModified<T>(HttpContext http, T body)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web));
        var etag = $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        var presented = http.Request.Headers.IfNoneMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries));
        return presented.Any(v => v == etag || v == "*");
    }
}
