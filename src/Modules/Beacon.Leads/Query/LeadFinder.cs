using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Leads.Query;

/// <summary>Serves <see cref="ILeadFinder"/> with the list's visibility predicate, so a search acting for a person finds only their leads.</summary>
internal sealed class LeadFinder(Db db) : ILeadFinder
{
    // A person reaching out, as LeadRoster counts it: an activity of these types recorded by someone.
    private static readonly string[] TouchTypes = [.. HumanTouches.Types];

    public async Task<IReadOnlyList<FoundLead>> FindAsync(ClaimsPrincipal caller, LeadCriteria criteria, CancellationToken ct)
    {
        var visibility = Visibility.Of(caller);
        var p = new DynamicParameters(new
        {
            tenant = caller.TenantId(),
            name = Like(criteria.NameContains),
            area = criteria.Area?.Trim(),
            since = criteria.NotTouchedSince,
            open = criteria.OpenOnly,
            limit = Math.Clamp(criteria.Limit, 1, 200),
            touch = TouchTypes,
        });
        visibility.AddTo(p);
        await using var conn = await db.OpenAsync(caller.TenantId(), ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            SELECT * FROM (
                SELECT l.id, l.first_name, l.last_name, l.stage, l.areas, l.property_city, l.created_at,
                       (SELECT max(a.occurred_at) FROM leads.activities a
                         WHERE a.tenant_id = l.tenant_id AND a.lead_id = l.id AND a.actor_id IS NOT NULL AND a.type = ANY(@touch)) AS last_touch_at
                  FROM leads.leads l
                 WHERE l.tenant_id = @tenant AND l.deleted_at IS NULL AND {visibility.Predicate}
                   AND (NOT @open OR l.stage NOT IN ('closed', 'lost'))
                   AND (@name::text IS NULL OR l.first_name ILIKE @name OR l.last_name ILIKE @name
                        OR concat_ws(' ', l.first_name, l.last_name) ILIKE @name)
                   AND (@area::text IS NULL OR lower(l.property_city) = lower(@area) OR l.property_zip = @area
                        OR EXISTS (SELECT 1 FROM unnest(l.areas || l.zip_codes) x WHERE lower(x) = lower(@area)))
            ) found
             WHERE @since::timestamptz IS NULL OR found.last_touch_at IS NULL OR found.last_touch_at < @since
             ORDER BY found.created_at DESC
             LIMIT @limit
            """, p, cancellationToken: ct));
        return [.. rows.Select(r => new FoundLead(r.Id, NameOf(r.FirstName, r.LastName), r.Stage, r.Areas, r.PropertyCity,
            r.LastTouchAt, r.CreatedAt))];
    }

    public async Task<IReadOnlyList<StageTally>> StageTallyAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        var visibility = Visibility.Of(caller);
        var p = new DynamicParameters(new { tenant = caller.TenantId() });
        visibility.AddTo(p);
        await using var conn = await db.OpenAsync(caller.TenantId(), ct);
        var counts = (await conn.QueryAsync<(string Stage, long Count)>(new CommandDefinition($"""
            SELECT l.stage, count(*) FROM leads.leads l
             WHERE l.tenant_id = @tenant AND l.deleted_at IS NULL AND {visibility.Predicate}
             GROUP BY l.stage
            """, p, cancellationToken: ct))).ToDictionary(r => r.Stage, r => r.Count);
        return [.. LeadVocabulary.Stages.Where(counts.ContainsKey).Select(s => new StageTally(s, counts[s]))];
    }

    private static string? Like(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    private static string NameOf(string? first, string? last) =>
        $"{first} {last}".Trim() is { Length: > 0 } name ? name : "Unnamed lead";

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string? FirstName { get; init; }

        public string? LastName { get; init; }

        public string Stage { get; init; } = "";

        public string[] Areas { get; init; } = [];

        public string? PropertyCity { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? LastTouchAt { get; init; }
    }
}
