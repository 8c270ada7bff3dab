using System.Security.Claims;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Npgsql;

namespace Beacon.Leads.Query;

/// <summary>Finds one lead the principal may see (another tenant's or another agent's lead is simply not found).</summary>
internal static class LeadReader
{
    public static async Task<LeadRow?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ClaimsPrincipal user, Guid id,
        bool forUpdate, CancellationToken ct)
    {
        var visibility = Visibility.Of(user);
        var p = new DynamicParameters(new { tenant = user.TenantId(), id });
        visibility.AddTo(p);
        return await conn.QuerySingleOrDefaultAsync<LeadRow>(new CommandDefinition($"""
            SELECT {LeadRow.Columns} FROM leads.leads l
             WHERE l.tenant_id = @tenant AND l.id = @id AND l.deleted_at IS NULL AND {visibility.Predicate}
             {(forUpdate ? "FOR UPDATE OF l" : "")}
            """, p, tx, cancellationToken: ct));
    }

    public static async Task<LeadRow?> FindAsync(Db db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return await FindAsync(conn, null, user, id, false, ct);
    }

    public static Task<LeadRow?> LockAsync(TenantTransaction tx, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        FindAsync(tx.Connection, tx.Transaction, user, id, true, ct);
}
