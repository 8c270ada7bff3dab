using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Beacon.SharedKernel.Http;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Confirmation;

/// <summary>The one answer of signup and accept-invitation, whether or not the address has an account (ADR 0009).</summary>
internal sealed record ConfirmationSent(string Status)
{
    public static ConfirmationSent Instance { get; } = new("confirmation_sent");
}

/// <summary>The token of an e-mailed confirmation link (signup or accepted invitation).</summary>
internal sealed record ConfirmRequest([property: Required, StringLength(200), NoControlCharacters] string Token);

/// <summary>An account that exists once its owner follows the e-mailed link (a signup or an accepted invitation).</summary>
internal sealed record PendingAccount(string Email, string DisplayName, string PasswordHash, string? BrokerageName, Guid? InvitationId);

/// <summary>
/// Signup and accept-invitation must not tell the caller whether an address is registered: both answer
/// <see cref="ConfirmationSent"/> and let the mailbox learn the rest, a confirmation link for a new address or
/// "you already have an account" for a registered one.
/// </summary>
internal sealed class AccountConfirmations(IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>What a refused confirmation says: unknown, expired and used links look alike.</summary>
    public const string InvalidToken = "The confirmation link is unknown, expired or already used.";

    private string PublicUrl => options.Value.PublicUrl.TrimEnd('/');

    /// <summary>Claims <paramref name="email"/> for the new user; false when it was registered since the link was sent.</summary>
    public static Task<bool> ClaimEmailAsync(TenantTransaction tx, string email, Guid userId, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT identity.claim_email(@email, @tenant, @userId)", new { email, tenant = tx.TenantId, userId },
            tx.Transaction, cancellationToken: ct));

    public static Task<bool> IsRegisteredAsync(TenantTransaction tx, string email, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT identity.email_registered(@email)", new { email }, tx.Transaction, cancellationToken: ct));

    /// <summary>Stores <paramref name="account"/> in the transaction's tenant and e-mails the link that creates it.</summary>
    public async Task AwaitConfirmationAsync(TenantTransaction tx, PendingAccount account, string tokenPrefix, string path,
        string context, CancellationToken ct)
    {
        var token = SecretToken.Create(tokenPrefix, tx.TenantId);
        var now = clock.GetUtcNow();
        var expires = now + options.Value.ConfirmationLifetime;
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identity.pending_accounts (tenant_id, id, token_hash, email, display_name, password_hash,
                                                   brokerage_name, invitation_id, created_at, expires_at)
            VALUES (@tenant, @id, @hash, @Email, @DisplayName, @PasswordHash, @BrokerageName, @InvitationId, @now, @expires)
            """, new
        {
            tenant = tx.TenantId,
            id = Guid.CreateVersion7(),
            hash = SecretToken.Hash(token),
            account.Email,
            account.DisplayName,
            account.PasswordHash,
            account.BrokerageName,
            account.InvitationId,
            now,
            expires,
        }, tx.Transaction, cancellationToken: ct));
        tx.EnqueueEmail(new EmailMessage(account.Email, "Confirm your e-mail address for Beacon", $"""
            {context}

            To finish, confirm that this address is yours: {PublicUrl}{path}?token={token}

            The link works once, until {expires.ToString("u", CultureInfo.InvariantCulture)}. If this was not you, ignore this e-mail: nothing happens without the link.
            """));
    }

    public void TellAlreadyRegistered(TenantTransaction tx, string email, string context) =>
        tx.EnqueueEmail(new EmailMessage(email, "You already have a Beacon account", $"""
            {context}, but this address already has a Beacon account, and an address can have only one.

            Sign in at {PublicUrl}/signin instead. Nothing was changed. If this was not you, ignore this e-mail.
            """));

    /// <summary>
    /// Takes (deletes) the pending account of <paramref name="token"/> if it is unexpired: a link works once, and two
    /// concurrent confirmations of it wait for each other, the second finding nothing.
    /// </summary>
    public static Task<PendingAccount?> TakeAsync(TenantTransaction tx, string token, bool signup, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<PendingAccount>(new CommandDefinition("""
            DELETE FROM identity.pending_accounts
             WHERE tenant_id = @tenant AND token_hash = @hash AND expires_at > @now AND (invitation_id IS NULL) = @signup
            RETURNING email AS Email, display_name AS DisplayName, password_hash AS PasswordHash,
                      brokerage_name AS BrokerageName, invitation_id AS InvitationId
            """, new { tenant = tx.TenantId, hash = SecretToken.Hash(token), now, signup }, tx.Transaction, cancellationToken: ct));
}
