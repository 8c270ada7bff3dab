using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Beacon.Identity.Authentication;

/// <summary>
/// The JwtBearer scheme's hooks: after IdentityModel validated a token, the per-request user check decides and the
/// principal is rebuilt from the database's view (role, team); refusals are answered as problem details.
/// </summary>
internal sealed class BeaconJwtEvents(TokenUserCheck users) : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity token)
        {
            context.Fail("no identity in the token");
            return;
        }

        var expires = new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero);
        var (principal, failure) = await users.CheckAsync(token, expires, context.HttpContext.RequestAborted);
        if (principal is null)
        {
            context.Fail(failure!);
            return;
        }

        context.Principal = BeaconPrincipal.Create(principal.TenantId, principal.UserId, principal.Role, "user",
            principal.TeamId is { } team ? new Claim("team", team.ToString()) : null);
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        return AuthProblems.ChallengeAsync(context.HttpContext, context.AuthenticateFailure);
    }

    public override Task Forbidden(ForbiddenContext context) => AuthProblems.ForbiddenAsync(context.HttpContext);
}
