using Beacon.Identity.Refresh;
using Beacon.Identity.Sessions;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Logout;

internal static class LogoutEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/logout", HandleAsync)
        .WithName("Logout")
        .WithSummary("End the session the refresh token belongs to. Idempotent: always 204.");

    private static async Task<NoContent> HandleAsync(RefreshRequest request, Db db, SessionService sessions, CancellationToken ct)
    {
        if (SecretToken.TryParse(request.RefreshToken, SecretToken.RefreshPrefix, out var tenantId))
        {
            await using var tx = await db.BeginAsync(tenantId, ct);
            await sessions.RevokeFamilyOfAsync(tx, SecretToken.Hash(request.RefreshToken), ct);
            await tx.CommitAsync(ct);
        }

        return TypedResults.NoContent();
    }
}
