using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Beacon.SharedKernel.Http;

public static class SecurityHeaders
{
    /// <summary>Headers every response carries: no sniffing, no framing, no referrer leaks, a strict CSP.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // connect-src 'self' also admits the page's own ws:/wss: origin (CSP Level 3); scheme-only ws: wss: would let a
        // script open sockets to any host.
        headers.ContentSecurityPolicy =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        return next(context);
    });
}
