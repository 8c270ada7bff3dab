using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Identity.Login;
using Beacon.Identity.Sessions;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Passwords;

internal sealed record ChangePasswordRequest(
    [property: Required, StringLength(PasswordService.MaxLength), NoControlCharacters] string CurrentPassword,
    [property: Required, StringLength(PasswordService.MaxLength), NoControlCharacters] string NewPassword);

/// <summary>
/// Change password while signed in. The current password is required (a borrowed unlocked laptop is not enough) and
/// wrong guesses count against the sign-in throttle. Every session ends; this one goes on with the tokens answered.
/// </summary>
internal static class ChangePasswordEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) => api.MapPost("/me/password", HandleAsync)
        .RequireAuthorization(Policies.ReadOnly)
        .WithTags("Users")
        .WithName("ChangePassword")
        .WithSummary("Change your password (the current one required); signs out every other session and answers new tokens.");

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ChangePasswordRequest request, ClaimsPrincipal actor, HttpContext http, Db db, PasswordService passwords,
        PasswordChanger changer, SessionService sessions, LoginThrottle throttle, TimeProvider clock, CancellationToken ct)
    {
        if (actor.IsApiKey())
        {
            return ProblemResults.Forbidden("An API key has no password.");
        }

        var (tenant, userId) = (actor.TenantId(), actor.UserId());
        await using var tx = await db.BeginAsync(tenant, ct);
        var user = await tx.Connection.QuerySingleAsync<User>(new CommandDefinition("""
            SELECT u.email, u.password_hash AS PasswordHash, u.role, t.name AS BrokerageName
              FROM identity.users u JOIN identity.tenants t ON t.tenant_id = u.tenant_id
             WHERE u.tenant_id = @tenant AND u.id = @userId FOR UPDATE OF u
            """, new { tenant, userId }, tx.Transaction, cancellationToken: ct));
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        await using var unscoped = await db.OpenUnscopedAsync(ct);
        if (await throttle.GateAsync(unscoped, user.Email, address, ct) is { } until)
        {
            return TooMany(http, until, clock);
        }

        if (!passwords.Verify(user.PasswordHash, request.CurrentPassword))
        {
            return await throttle.FailedAsync(unscoped, user.Email, address, ct) is { } locked
                ? TooMany(http, locked, clock)
                : ProblemResults.Field("currentPassword", "The current password is wrong.");
        }

        if (PasswordService.Weakness(request.NewPassword, user.Email, user.BrokerageName) is { } weakness)
        {
            return ProblemResults.Field("newPassword", weakness);
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            return ProblemResults.Field("newPassword", "The new password must differ from the current one.");
        }

        var stamp = await changer.ChangeAsync(tx, userId, user.Email, passwords.Hash(request.NewPassword), ct);
        var tokens = await sessions.StartAsync(tx, userId, user.Role, stamp, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(tokens);
    }

    private static ProblemHttpResult TooMany(HttpContext http, DateTimeOffset until, TimeProvider clock)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Too many wrong passwords.", detail: $"Try again in {seconds} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private sealed record User(string Email, string PasswordHash, string Role, string BrokerageName);
}
