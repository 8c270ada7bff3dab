using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Leads.Agents;

/// <summary>
/// Leads' own copy of the tenant's users (who can receive leads, which team they are in), kept from Identity's
/// events: a module never reads another module's tables. Both handlers are upserts, so redelivery is harmless.
/// </summary>
internal sealed class UserJoinedHandler : IEventHandler<UserJoined>
{
    public Task HandleAsync(UserJoined e, TenantTransaction tx, CancellationToken ct) =>
        AgentRows.UpsertAsync(tx, e.UserId, e.DisplayName, e.Role, e.TeamId, true, ct);
}

internal sealed class UserChangedHandler : IEventHandler<UserChanged>
{
    public Task HandleAsync(UserChanged e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads.agents (tenant_id, user_id, display_name, role, team_id, active)
            VALUES (@tenant, @user, '', @role, @team, @active)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = @role, team_id = @team, active = @active
            """, new { tenant = tx.TenantId, user = e.UserId, role = e.Role, team = e.TeamId, active = e.Active },
            tx.Transaction, cancellationToken: ct));
}

/// <summary>A user renamed themselves: lead lists and timelines show the new name.</summary>
internal sealed class UserProfileChangedHandler : IEventHandler<UserProfileChanged>
{
    public Task HandleAsync(UserProfileChanged e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE leads.agents SET display_name = @name WHERE tenant_id = @tenant AND user_id = @user",
            new { tenant = tx.TenantId, user = e.UserId, name = e.DisplayName }, tx.Transaction, cancellationToken: ct));
}

internal static class AgentRows
{
    public static Task UpsertAsync(TenantTransaction tx, Guid user, string name, string role, Guid? team, bool active, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads.agents (tenant_id, user_id, display_name, role, team_id, active)
            VALUES (@tenant, @user, @name, @role, @team, @active)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET display_name = @name, role = @role, team_id = @team
            """, new { tenant = tx.TenantId, user, name, role, team, active }, tx.Transaction, cancellationToken: ct));
}
