using Beacon.Identity.Authentication;
using Beacon.Identity.Sessions;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Passwords;

/// <summary>
/// What a new password means, however it was set (changed while signed in, or reset by e-mail): every session ends
/// (refresh tokens revoked; the security stamp moves, so access tokens stop within the principal cache lifetime),
/// every outstanding reset link is used up, and the mailbox is told, in case it was not its owner.
/// </summary>
internal sealed class PasswordChanger(SessionService sessions, PrincipalCache principals, TimeProvider clock, IOptions<AuthOptions> options)
{
    /// <summary>Stores <paramref name="passwordHash"/> for the user and returns their new security stamp.</summary>
    public async Task<int> ChangeAsync(TenantTransaction tx, Guid userId, string email, string passwordHash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stamp = await tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            UPDATE identity.users SET password_hash = @passwordHash, security_stamp = security_stamp + 1
             WHERE tenant_id = @tenant AND id = @userId RETURNING security_stamp
            """, new { tenant = tx.TenantId, userId, passwordHash }, tx.Transaction, cancellationToken: ct));
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE identity.password_resets SET used_at = @now WHERE tenant_id = @tenant AND user_id = @userId AND used_at IS NULL
            """, new { tenant = tx.TenantId, userId, now }, tx.Transaction, cancellationToken: ct));
        await sessions.RevokeAllAsync(tx, userId, ct);
        tx.EnqueueEmail(new EmailMessage(email, "Your Beacon password was changed", $"""
            The password of your Beacon account was changed, and every device signed in with the old one was signed out.

            If this was not you, reset your password at once: {options.Value.PublicUrl.TrimEnd('/')}/forgot-password
            """));
        var tenant = tx.TenantId;
        tx.AfterCommit(() => principals.EvictUser(tenant, userId));
        return stamp;
    }
}
