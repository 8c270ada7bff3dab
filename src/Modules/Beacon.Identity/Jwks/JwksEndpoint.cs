using System.Buffers.Text;
using Beacon.Identity.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Jwks;

internal sealed record Jwk(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);

internal sealed record JwkSet(IReadOnlyList<Jwk> Keys);

internal static class JwksEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) => app.MapGet("/.well-known/jwks.json", HandleAsync)
        .AllowAnonymous()
        .WithTags("Auth")
        .WithName("GetJwks")
        .WithSummary("The public keys that verify Beacon's access tokens (current, next and recently retired).");

    private static async Task<IResult> HandleAsync(SigningKeyStore store, HttpContext http, CancellationToken ct)
    {
        await store.CurrentAsync(ct);
        var keys = (await store.PublishedAsync(ct)).Select(k =>
        {
            var p = k.Key.ExportParameters(includePrivateParameters: false);
            return new Jwk("EC", "P-256", Base64Url.EncodeToString(p.Q.X), Base64Url.EncodeToString(p.Q.Y), k.Kid, "sig", "ES256");
        }).ToList();
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new JwkSet(keys));
    }
}
