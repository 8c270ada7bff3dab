using Dapper;
using Npgsql;

namespace Beacon.Workflows.Members;

internal sealed record Member(Guid UserId, string Email, string DisplayName, string Role, bool Active);

internal static class MemberStore
{
    public static Task<Member?> FindAsync(NpgsqlConnection conn, Guid tenant, Guid userId, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Member>(new CommandDefinition("""
            SELECT user_id AS UserId, email, display_name AS DisplayName, role, active
              FROM workflows.members WHERE tenant_id = @tenant AND user_id = @userId
            """, new { tenant, userId }, cancellationToken: ct));
}
