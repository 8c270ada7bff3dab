using System.Security.Claims;
using System.Text.Encodings.Web;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Authentication;

/// <summary>
/// Integrations' scheme: an API key as <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key</c>, re-checked on
/// every request (through <see cref="PrincipalCache"/>): not revoked, its creator active, acting with the lower of the
/// key's and the creator's role.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PrincipalCache principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (kind, key) = BeaconPrincipal.ReadCredential(Request);
        if (kind != BeaconPrincipal.ApiKeyScheme)
        {
            return AuthenticateResult.NoResult();
        }

        var found = await principals.ApiKeyAsync(key!, Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key, or its creator is deactivated");
        }

        var principal = BeaconPrincipal.Create(found.TenantId, found.CreatedBy, found.Role, "api_key",
            new Claim(ClaimNames.ApiKeyId, found.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await AuthProblems.ChallengeAsync(Context, (await HandleAuthenticateOnceSafeAsync()).Failure);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbiddenAsync(Context);
}
