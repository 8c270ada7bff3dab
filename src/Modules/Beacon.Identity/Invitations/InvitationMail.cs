using System.Globalization;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Dapper;

namespace Beacon.Identity.Invitations;

/// <summary>The e-mail that carries an invitation's accept link (sent on invite and on every resend).</summary>
internal static class InvitationMail
{
    public static async Task EnqueueAsync(TenantTransaction tx, string publicUrl, Guid inviterId, string email, string role,
        string token, DateTimeOffset expires, CancellationToken ct)
    {
        var names = await tx.Connection.QuerySingleAsync<(string Brokerage, string Inviter)>(new CommandDefinition("""
            SELECT t.name, coalesce(u.display_name, 'A colleague')
              FROM identity.tenants t LEFT JOIN identity.users u ON u.tenant_id = t.tenant_id AND u.id = @inviterId
             WHERE t.tenant_id = @tenant
            """, new { tenant = tx.TenantId, inviterId }, tx.Transaction, cancellationToken: ct));
        tx.EnqueueEmail(new EmailMessage(email, $"You are invited to join {names.Brokerage} on Beacon", $"""
            {names.Inviter} invited you to join "{names.Brokerage}" on Beacon as {role.Replace('_', ' ')}.

            Accept the invitation here: {publicUrl.TrimEnd('/')}/accept-invitation?token={token}

            The link works until {expires.ToString("u", CultureInfo.InvariantCulture)}. If you did not expect this, ignore this e-mail.
            """));
    }
}
