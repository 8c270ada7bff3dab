using System.ComponentModel.DataAnnotations;
using Beacon.Identity.Login;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Passwords;

internal sealed record ResetPasswordRequest(
    [property: Required, StringLength(200), NoControlCharacters] string Token,
    [property: Required, StringLength(PasswordService.MaxLength), NoControlCharacters] string Password);

/// <summary>Sets a new password with an e-mailed reset link; the link is used up and every session of the account ends.</summary>
internal static class ResetPasswordEndpoint
{
    public const string InvalidToken = "The reset link is unknown, expired or already used. Ask for a new one.";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/reset-password", HandleAsync)
        .WithName("ResetPassword")
        .WithSummary("Set a new password with the token of an e-mailed reset link; signs the account out everywhere.");

    private static async Task<Results<NoContent, ValidationProblem>> HandleAsync(ResetPasswordRequest request, HttpContext http,
        Db db, PasswordService passwords, PasswordChanger changer, TimeProvider clock, CancellationToken ct)
    {
        if (!SecretToken.TryParse(request.Token, SecretToken.PasswordResetPrefix, out var tenantId))
        {
            return ProblemResults.Field("token", InvalidToken);
        }

        await using var tx = await db.BeginAsync(tenantId, ct);
        // FOR UPDATE: two resets with one link wait for each other, and the second finds it used.
        var reset = await tx.Connection.QuerySingleOrDefaultAsync<Reset>(new CommandDefinition("""
            SELECT u.id AS UserId, u.email, t.name AS BrokerageName
              FROM identity.password_resets r
              JOIN identity.users u ON u.tenant_id = r.tenant_id AND u.id = r.user_id
              JOIN identity.tenants t ON t.tenant_id = r.tenant_id
             WHERE r.tenant_id = @tenantId AND r.token_hash = @hash AND r.used_at IS NULL AND r.expires_at > @now AND u.active
             FOR UPDATE OF r
            """, new { tenantId, hash = SecretToken.Hash(request.Token), now = clock.GetUtcNow() }, tx.Transaction,
            cancellationToken: ct));
        if (reset is null)
        {
            return ProblemResults.Field("token", InvalidToken);
        }

        if (PasswordService.Weakness(request.Password, reset.Email, reset.BrokerageName) is { } weakness)
        {
            return ProblemResults.Field("password", weakness);
        }

        AuditScope.Current?.IdentifyActor(AuditActorKinds.User, reset.UserId);
        await changer.ChangeAsync(tx, reset.UserId, reset.Email, passwords.Hash(request.Password), ct);
        await tx.CommitAsync(ct);

        // Whoever locked this address out of the account with wrong guesses no longer keeps its owner out.
        await using var conn = await db.OpenUnscopedAsync(ct);
        await LoginThrottle.SucceededAsync(conn, reset.Email, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
        return TypedResults.NoContent();
    }

    private sealed record Reset(Guid UserId, string Email, string BrokerageName);
}
