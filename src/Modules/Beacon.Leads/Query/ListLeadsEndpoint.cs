using System.Security.Claims;
using System.Text;
using Beacon.Contracts.Identity;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.Query;

/// <summary><c>GET /api/v1/leads</c>: filtered, keyset-paginated, newest first by default.</summary>
internal static class ListLeadsEndpoint
{
    public const int MaxLimit = 100;

    private static readonly Dictionary<string, (string Column, bool Descending)> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["-created"] = ("created_at", true),
        ["created"] = ("created_at", false),
        ["-lastActivity"] = ("last_activity_at", true),
        ["lastActivity"] = ("last_activity_at", false),
        ["-updated"] = ("updated_at", true),
        ["updated"] = ("updated_at", false),
    };

    public static void Map(RouteGroupBuilder leads) =>
        leads.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("ListLeads").WithSummary("The leads you may see: filters, sort and a keyset cursor ({items, next}).");

    private static async Task<Results<Ok<LeadPage>, ValidationProblem>> ListAsync([AsParameters] LeadQuery q, ClaimsPrincipal user,
        Db db, CancellationToken ct)
    {
        var limit = q.Limit ?? 50;
        if (limit is < 1 or > MaxLimit)
        {
            return ProblemResults.Field("limit", $"Between 1 and {MaxLimit}.");
        }

        var sortName = string.IsNullOrEmpty(q.Sort) ? "-created" : q.Sort;
        if (!Sorts.TryGetValue(sortName, out var sort))
        {
            return ProblemResults.Field("sort", $"One of: {string.Join(", ", Sorts.Keys)}.");
        }

        var cursor = LeadCursor.TryDecode(q.Cursor);
        if (q.Cursor is not null && (cursor is null || !string.Equals(cursor.Sort, sortName, StringComparison.OrdinalIgnoreCase)))
        {
            return ProblemResults.Field("cursor", "Not a cursor of this list and sort.");
        }

        var tenant = user.TenantId();
        var p = new DynamicParameters(new { tenant, limit = limit + 1 });
        var where = new StringBuilder("l.tenant_id = @tenant AND l.deleted_at IS NULL");
        var visibility = Visibility.Of(user);
        visibility.AddTo(p);
        where.Append(" AND ").Append(visibility.Predicate);
        if (Filters.Apply(q, where, p) is { } problem)
        {
            return problem;
        }

        if (cursor is not null)
        {
            where.Append($" AND (l.{sort.Column}, l.id) {(sort.Descending ? "<" : ">")} (@cursorValue, @cursorId)");
            p.Add("cursorValue", cursor.Value);
            p.Add("cursorId", cursor.Id);
        }

        var direction = sort.Descending ? "DESC" : "ASC";
        await using var conn = await db.OpenAsync(tenant, ct);
        var rows = (await conn.QueryAsync<LeadRow>(new CommandDefinition($"""
            SELECT {LeadRow.Columns} FROM leads.leads l
             WHERE {where}
             ORDER BY l.{sort.Column} {direction}, l.id {direction}
             LIMIT @limit
            """, p, cancellationToken: ct))).ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var last = rows[^1];
            var value = sort.Column switch
            {
                "created_at" => last.CreatedAt,
                "updated_at" => last.UpdatedAt,
                _ => last.LastActivityAt,
            };
            next = new LeadCursor(sortName, value.UtcTicks, last.Id).Encode();
        }

        return TypedResults.Ok(new LeadPage(rows.Select(LeadResponse.From).ToList(), next));
    }
}
