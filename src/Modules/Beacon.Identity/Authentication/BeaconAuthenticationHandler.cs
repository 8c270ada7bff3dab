using System.Security.Claims;
using System.Text.Encodings.Web;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Authentication;

/// <summary>
/// One scheme for people and integrations: <c>Authorization: Bearer &lt;ES256 JWT&gt;</c>, or an API key as
/// <c>Authorization: ApiKey &lt;key&gt;</c> / <c>X-Api-Key</c>. Either way the principal carries tenant, subject and
/// role claims, re-checked against the database (through <see cref="PrincipalCache"/>).
/// </summary>
internal sealed class BeaconAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JwtCodec jwt,
    PrincipalCache principals,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Beacon";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (kind, credential) = ReadCredential(Request);
        return kind switch
        {
            "Bearer" => await BearerAsync(credential!),
            "ApiKey" => await ApiKeyAsync(credential!),
            _ => AuthenticateResult.NoResult(),
        };
    }

    internal static (string? Kind, string? Credential) ReadCredential(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ("Bearer", authorization[7..].Trim());
        }

        if (authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            return ("ApiKey", authorization[7..].Trim());
        }

        string header = request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? ("ApiKey", header.Trim()) : (null, null);
    }

    private async Task<AuthenticateResult> BearerAsync(string token)
    {
        var (claims, failure) = await jwt.ReadAsync(token, Context.RequestAborted);
        if (claims is null)
        {
            return AuthenticateResult.Fail(failure!);
        }

        var user = await principals.UserAsync(claims.TenantId, claims.UserId, Context.RequestAborted);
        if (user is null || !user.Active || user.SecurityStamp != claims.SecurityStamp)
        {
            return AuthenticateResult.Fail("the user is unknown in this tenant, inactive, or signed out");
        }

        return Success(claims.TenantId, claims.UserId, user.Role, "user", extra: user.TeamId is { } team
            ? new Claim("team", team.ToString())
            : null);
    }

    private async Task<AuthenticateResult> ApiKeyAsync(string key)
    {
        var found = await principals.ApiKeyAsync(key, Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key, or its creator is deactivated");
        }

        return Success(found.TenantId, found.CreatedBy, found.Role, "api_key",
            new Claim(ClaimNames.ApiKeyId, found.Id.ToString()));
    }

    private static AuthenticateResult Success(Guid tenantId, Guid subject, string role, string kind, Claim? extra)
    {
        List<Claim> claims =
        [
            new(ClaimNames.Tenant, tenantId.ToString()),
            new(ClaimNames.Subject, subject.ToString()),
            new(ClaimNames.Role, role),
            new(ClaimNames.Kind, kind),
        ];
        if (extra is not null)
        {
            claims.Add(extra);
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimNames.Subject, ClaimNames.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        var result = await HandleAuthenticateOnceSafeAsync();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = 401,
                Title = "Authentication is required.",
                Detail = result.Failure?.Message ?? "No access token or API key was sent.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 403, Title = "Your role does not allow this." },
        });
    }
}
