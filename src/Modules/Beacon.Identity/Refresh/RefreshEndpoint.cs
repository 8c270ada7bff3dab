using System.ComponentModel.DataAnnotations;
using Beacon.Identity.Sessions;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Refresh;

internal sealed record RefreshRequest([property: Required, StringLength(200), NoControlCharacters] string RefreshToken);

internal static class RefreshEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/refresh", HandleAsync)
        .NotAudited("rotates a session's token every few minutes: no business data changes; sign-in and sign-out are audited")
        .WithName("RefreshTokens")
        .WithSummary("Trade a refresh token for new tokens. Each refresh token works once; reuse revokes the session.");

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> HandleAsync(
        RefreshRequest request, Db db, SessionService sessions, CancellationToken ct)
    {
        if (!SecretToken.TryParse(request.RefreshToken, SecretToken.RefreshPrefix, out var tenantId))
        {
            return ProblemResults.Unauthorized("The refresh token is not valid.");
        }

        await using var tx = await db.BeginAsync(tenantId, ct);
        var tokens = await sessions.RefreshAsync(tx, request.RefreshToken, ct);
        // Commit either way: a failed refresh may have revoked a family after detecting reuse.
        await tx.CommitAsync(ct);
        return tokens is null
            ? ProblemResults.Unauthorized("The refresh token is not valid, has expired, or was already used.")
            : TypedResults.Ok(tokens);
    }
}
