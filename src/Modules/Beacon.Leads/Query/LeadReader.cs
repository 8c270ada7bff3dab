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
    /// <summary>One live lead of the tenant that <see cref="Visibility"/> lets the principal see; alias <c>l</c>.</summary>
    private static CommandDefinition Command(string select, ClaimsPrincipal user, Guid id, string suffix, NpgsqlTransaction? tx,
        CancellationToken ct)
    {
        var visibility = Visibility.Of(user);
        var p = new DynamicParameters(new { tenant = user.TenantId(), id });
        visibility.AddTo(p);
        return new CommandDefinition($"""
            SELECT {select} FROM leads.leads l
             WHERE l.tenant_id = @tenant AND l.id = @id AND l.deleted_at IS NULL AND {visibility.Predicate}
             {suffix}
            """, p, tx, cancellationToken: ct);
    }

    public static Task<LeadRow?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ClaimsPrincipal user, Guid id,
        bool forUpdate, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<LeadRow>(Command(LeadRow.Columns, user, id, forUpdate ? "FOR UPDATE OF l" : "", tx, ct));

    public static async Task<LeadRow?> FindAsync(Db db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return await FindAsync(conn, null, user, id, false, ct);
    }

    public static Task<LeadRow?> LockAsync(TenantTransaction tx, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        FindAsync(tx.Connection, tx.Transaction, user, id, true, ct);

    /// <summary>Whether the principal may see the lead, without reading it (inside <paramref name="tx"/> when given).</summary>
    public static async Task<bool> VisibleAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ClaimsPrincipal user, Guid id,
        CancellationToken ct) =>
        await conn.ExecuteScalarAsync<int?>(Command("1", user, id, "", tx, ct)) is not null;
}
