using System.ComponentModel.DataAnnotations;
using Beacon.Contracts.Identity;
using Beacon.Identity.Passwords;
using Beacon.Identity.Sessions;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Login;

internal sealed record LoginRequest(
    [property: Required, StringLength(254), NoControlCharacters] string Email,
    [property: Required, StringLength(PasswordService.MaxLength), NoControlCharacters] string Password);

/// <summary>
/// Password sign-in. Unknown address and wrong password answer alike (same status, same work); failures are
/// throttled by <see cref="LoginThrottle"/> (429 with Retry-After for a locked account-and-address or address).
/// </summary>
internal static class LoginEndpoint
{
    public const string SsoOnlyRefusal = "Your brokerage signs in with single sign-on: use \"Sign in with SSO\" and your work e-mail address.";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/login", HandleAsync)
        .WithName("Login")
        .WithSummary("Sign in with e-mail and password; returns an access token and a refresh token.");

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> HandleAsync(
        LoginRequest request, HttpContext http, Db db, PasswordService passwords, SessionService sessions,
        TimeProvider clock, LoginThrottle throttle, CancellationToken ct)
    {
        var email = EmailAddresses.Normalise(request.Email);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        await using var conn = await db.OpenUnscopedAsync(ct);
        if (await throttle.GateAsync(conn, email, address, ct) is { } until)
        {
            return Locked(http, until, clock);
        }

        var account = await conn.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
            "SELECT tenant_id, user_id FROM identity.find_login(@email)", new { email }, cancellationToken: ct));
        Credentials? user = null;
        if (account is not null)
        {
            await using var scoped = await db.OpenAsync(account.TenantId, ct);
            user = await scoped.QuerySingleOrDefaultAsync<Credentials>(new CommandDefinition("""
                SELECT password_hash AS PasswordHash, role, security_stamp AS SecurityStamp, active
                  FROM identity.users WHERE tenant_id = @TenantId AND id = @UserId
                """, account, cancellationToken: ct));
        }

        if (!passwords.Verify(user?.PasswordHash, request.Password) || user is not { Active: true })
        {
            var locked = await throttle.FailedAsync(conn, email, address, ct);
            return locked is { } l ? Locked(http, l, clock) : ProblemResults.Unauthorized("The e-mail address or password is wrong.");
        }

        await LoginThrottle.SucceededAsync(conn, email, address, ct);
        var (tenantId, userId) = (account!.TenantId, account.UserId);
        // Said only to whoever knows the password, so it tells a stranger nothing about which addresses have accounts.
        if (user.Role != Roles.Owner && await SsoOnlyAsync(db, tenantId, ct))
        {
            return ProblemResults.Forbidden(SsoOnlyRefusal);
        }

        AuditScope.Current?.IdentifyActor(AuditActorKinds.User, userId);
        await using var tx = await db.BeginAsync(tenantId, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE identity.users SET last_login_at = @now WHERE tenant_id = @tenantId AND id = @userId",
            new { now = clock.GetUtcNow(), tenantId, userId }, tx.Transaction, cancellationToken: ct));
        var tokens = await sessions.StartAsync(tx, userId, user.Role, user.SecurityStamp, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(tokens);
    }

    /// <summary>
    /// A brokerage that turned password sign-in off (ADR 0025). Owners keep it as the break-glass path: when the
    /// provider is down or misconfigured, an owner can still sign in and switch single sign-on off again.
    /// </summary>
    private static async Task<bool> SsoOnlyAsync(Db db, Guid tenantId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        return await conn.QuerySingleOrDefaultAsync<bool>(new CommandDefinition(
            "SELECT enabled AND sso_only FROM identity.sso_settings WHERE tenant_id = @tenantId", new { tenantId }, cancellationToken: ct));
    }

    private static ProblemHttpResult Locked(HttpContext http, DateTimeOffset until, TimeProvider clock)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Too many failed sign-in attempts.",
            detail: $"Try again in {seconds} seconds.", statusCode: StatusCodes.Status429TooManyRequests);
    }

    private sealed record Account(Guid TenantId, Guid UserId);

    private sealed record Credentials(string PasswordHash, string Role, int SecurityStamp, bool Active);
}
