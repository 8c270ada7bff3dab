using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Conversions.Projection;

/// <summary>Conversions' copy of the tenant's users: names for the leaderboard, teams for filters and scoping.</summary>
internal sealed class AgentProjection : IEventHandler<UserJoined>, IEventHandler<UserChanged>, IEventHandler<UserProfileChanged>
{
    public Task HandleAsync(UserProfileChanged e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conversions.agents SET display_name = @name WHERE tenant_id = @tenant AND user_id = @user",
            new { tenant = tx.TenantId, user = e.UserId, name = e.DisplayName }, tx.Transaction, cancellationToken: ct));

    public Task HandleAsync(UserJoined e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO conversions.agents (tenant_id, user_id, display_name, team_id) VALUES (@tenant, @user, @name, @team)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET display_name = @name, team_id = @team
            """, new { tenant = tx.TenantId, user = e.UserId, name = e.DisplayName, team = e.TeamId }, tx.Transaction,
            cancellationToken: ct));

    public Task HandleAsync(UserChanged e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO conversions.agents (tenant_id, user_id, display_name, team_id) VALUES (@tenant, @user, '', @team)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET team_id = @team
            """, new { tenant = tx.TenantId, user = e.UserId, team = e.TeamId }, tx.Transaction, cancellationToken: ct));
}
