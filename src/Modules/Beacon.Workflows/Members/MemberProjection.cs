using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Workflows.Members;

/// <summary>
/// The brokerage's users as Identity announces them, kept here so a task's assignee is checked and a workflow e-mail
/// signed without reading Identity's tables (module isolation).
/// </summary>
internal sealed class MemberProjection : IEventHandler<UserJoined>, IEventHandler<UserChanged>, IEventHandler<UserProfileChanged>
{
    public Task HandleAsync(UserProfileChanged e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE workflows.members SET display_name = @name, phone = @phone, signature = @signature
             WHERE tenant_id = @tenant AND user_id = @user
            """, new { tenant = tx.TenantId, user = e.UserId, name = e.DisplayName, phone = e.Phone, signature = e.Signature },
            tx.Transaction, cancellationToken: ct));

    public Task HandleAsync(UserJoined e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.members (tenant_id, user_id, email, display_name, role, active)
            VALUES (@tenant, @user, @email, @name, @role, true)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
                                                          role = excluded.role
            """, new { tenant = tx.TenantId, user = e.UserId, email = e.Email, name = e.DisplayName, role = e.Role },
            tx.Transaction, cancellationToken: ct));

    public Task HandleAsync(UserChanged e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE workflows.members SET role = @role, active = @active WHERE tenant_id = @tenant AND user_id = @user
            """, new { tenant = tx.TenantId, user = e.UserId, role = e.Role, active = e.Active }, tx.Transaction, cancellationToken: ct));
}
