using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Scoring.Api;

/// <summary>
/// A weak ETag over a figure's JSON: the insights screen polls (live events are the fast path), and an unchanged
/// figure answers 304 without a body. The figure is still computed; the saving is the transfer and the re-render.
/// </summary>
internal static class ETagged
{
    public static Results<Ok<T>, StatusCodeHttpResult> Answer<T>(HttpContext http, T body) =>
        NotModified(http, body) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(body);

    /// <summary>Sets the ETag of <paramref name="body"/>; true when the caller already holds it (If-None-Match).</summary>
    public static bool NotModified<T>(HttpContext http, T body)
    {
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, ScoringJson.Options));
        var etag = $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        var presented = http.Request.Headers.IfNoneMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries));
        return presented.Any(v => v == etag || v == "*");
    }
}
