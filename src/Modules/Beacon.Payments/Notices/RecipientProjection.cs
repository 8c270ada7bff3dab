using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Payments.Notices;

/// <summary>Who hears about payments (owners): the brokerage's users as Identity announces them, kept here for module isolation.</summary>
internal sealed class RecipientProjection : IEventHandler<UserJoined>, IEventHandler<UserChanged>
{
    public Task HandleAsync(UserJoined e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO payments.recipients (tenant_id, user_id, email, role, active) VALUES (@tenant, @user, @email, @role, true)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET email = excluded.email, role = excluded.role
            """, new { tenant = tx.TenantId, user = e.UserId, email = e.Email, role = e.Role }, tx.Transaction, cancellationToken: ct));

    public Task HandleAsync(UserChanged e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE payments.recipients SET role = @role, active = @active WHERE tenant_id = @tenant AND user_id = @user
            """, new { tenant = tx.TenantId, user = e.UserId, role = e.Role, active = e.Active }, tx.Transaction, cancellationToken: ct));
}
