using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Passwords;

internal sealed record ForgotPasswordRequest([property: Required, StringLength(254), NoControlCharacters] string Email);

/// <summary>The one answer of "forgot password", whatever the address (ADR 0009, ADR 0022).</summary>
internal sealed record ResetRequested(string Status)
{
    public static ResetRequested Instance { get; } = new("reset_requested");
}

/// <summary>
/// Forgot password: an active account's mailbox gets a single-use link that expires; the caller always gets the same
/// 202, so the route cannot tell who has an account. At most <see cref="AuthOptions.PasswordResetsPerHour"/> links a
/// mailbox per hour, so the route cannot be used to flood it; past that it still answers alike.
/// </summary>
internal static class ForgotPasswordEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/forgot-password", HandleAsync)
        .WithName("ForgotPassword")
        .WithSummary("E-mail a password-reset link to the address if it has an account; the same answer for any address.");

    private static async Task<Accepted<ResetRequested>> HandleAsync(ForgotPasswordRequest request, Db db, TimeProvider clock,
        IOptions<AuthOptions> options, CancellationToken ct)
    {
        var email = EmailAddresses.Normalise(request.Email);
        Account? account;
        await using (var conn = await db.OpenUnscopedAsync(ct))
        {
            account = await conn.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
                "SELECT tenant_id, user_id FROM identity.find_login(@email)", new { email }, cancellationToken: ct));
        }

        if (account is not null)
        {
            await SendLinkAsync(db, account, email, clock.GetUtcNow(), options.Value, ct);
        }

        return TypedResults.Accepted((string?)null, ResetRequested.Instance);
    }

    private static async Task SendLinkAsync(Db db, Account account, string email, DateTimeOffset now, AuthOptions options,
        CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(account.TenantId, ct);
        var recent = await tx.Connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM identity.password_resets r
                     WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id AND r.created_at > @since)
              FROM identity.users u WHERE u.tenant_id = @TenantId AND u.id = @UserId AND u.active
            """, new { account.TenantId, account.UserId, since = now.AddHours(-1) }, tx.Transaction, cancellationToken: ct));
        if (recent is not { } count || count >= options.PasswordResetsPerHour)
        {
            return;
        }

        var token = SecretToken.Create(SecretToken.PasswordResetPrefix, account.TenantId);
        var expires = now + options.PasswordResetLifetime;
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identity.password_resets (tenant_id, id, user_id, token_hash, created_at, expires_at)
            VALUES (@TenantId, @id, @UserId, @hash, @now, @expires)
            """, new { account.TenantId, id = Guid.CreateVersion7(), account.UserId, hash = SecretToken.Hash(token), now, expires },
            tx.Transaction, cancellationToken: ct));
        tx.EnqueueEmail(new EmailMessage(email, "Reset your Beacon password", $"""
            Someone, hopefully you, asked to reset the password of your Beacon account.

            Choose a new password here: {options.PublicUrl.TrimEnd('/')}/reset-password?token={token}

            The link works once, until {expires.ToString("u", CultureInfo.InvariantCulture)}. If this was not you, ignore this e-mail: your password stays as it is.
            """));
        AuditScope.Current?.IdentifyActor(AuditActorKinds.User, account.UserId);
        await tx.CommitAsync(ct);
    }

    private sealed record Account(Guid TenantId, Guid UserId);
}
