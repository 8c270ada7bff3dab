using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Conversions.Reports;

/// <summary>
/// A report's ETag is a hash of its content, so a poll that finds nothing new costs one small 304 and no body. The
/// figures are still computed (from the small cells): what a 304 saves is the transfer and the client's redraw.
/// </summary>
internal static class ETags
{
    public static string Of<T>(T body) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web)))[..32]}\"";

    /// <summary>Sets the ETag; true when the client already holds this version (answer 304).</summary>
    public static bool NotModified(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        var held = http.Request.Headers.IfNoneMatch.ToString();
        return held.Length > 0 && held.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*");
    }

    public static StatusCodeHttpResult NotModifiedResult() => TypedResults.StatusCode(StatusCodes.Status304NotModified);
}
