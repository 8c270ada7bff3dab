using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Data;

/// <summary>
/// The tenant's monthly budget and what its provider calls cost, plus the operator counters per provider.
/// Spend is booked when a billable answer arrives; the check before a call reads it without a lock, so calls
/// already in flight when the budget runs out may overshoot it by at most their own cost.
/// </summary>
internal static class Spend
{
    public static DateTime Month(DateTimeOffset now) => new(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static async Task<bool> HasRoomAsync(TenantTransaction tx, long defaultLimit, int cost, DateTimeOffset now,
        CancellationToken ct)
    {
        var (limit, spent) = await tx.Connection.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            SELECT coalesce((SELECT monthly_budget_cents FROM enrichment.settings WHERE tenant_id = @tenant), @defaultLimit),
                   coalesce((SELECT spent_cents FROM enrichment.budgets WHERE tenant_id = @tenant AND month = @month::date), 0)
            """, new { tenant = tx.TenantId, defaultLimit, month = Month(now) }, tx.Transaction, cancellationToken: ct));
        return spent + cost <= limit;
    }

    /// <summary>Counts one outcome: a call (or a cache hit), whether it matched, erred, and what it cost.</summary>
    public static Task CountAsync(TenantTransaction tx, string provider, DateTimeOffset now, Counts c, long defaultLimit,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO enrichment.provider_stats (tenant_id, provider, month, calls, matches, no_matches, cache_hits, errors, spent_cents)
            VALUES (@tenant, @provider, @month::date, @Calls, @Matches, @NoMatches, @CacheHits, @Errors, @Cents)
            ON CONFLICT (tenant_id, provider, month) DO UPDATE SET calls = provider_stats.calls + excluded.calls,
                matches = provider_stats.matches + excluded.matches, no_matches = provider_stats.no_matches + excluded.no_matches,
                cache_hits = provider_stats.cache_hits + excluded.cache_hits, errors = provider_stats.errors + excluded.errors,
                spent_cents = provider_stats.spent_cents + excluded.spent_cents;
            INSERT INTO enrichment.budgets (tenant_id, month, limit_cents, spent_cents)
            SELECT @tenant, @month::date, coalesce((SELECT monthly_budget_cents FROM enrichment.settings WHERE tenant_id = @tenant), @defaultLimit), @Cents
            WHERE @Cents > 0
            ON CONFLICT (tenant_id, month) DO UPDATE SET spent_cents = budgets.spent_cents + excluded.spent_cents;
            """,
            new { tenant = tx.TenantId, provider, month = Month(now), c.Calls, c.Matches, c.NoMatches, c.CacheHits, c.Errors, c.Cents, defaultLimit },
            tx.Transaction, cancellationToken: ct));
}

internal sealed record Counts(int Calls = 0, int Matches = 0, int NoMatches = 0, int CacheHits = 0, int Errors = 0, long Cents = 0);
