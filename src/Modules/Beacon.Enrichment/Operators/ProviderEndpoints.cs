using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Enrichment.Data;
using Beacon.Enrichment.Pipeline;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Enrichment.Operators;

internal sealed record ProvidersView(string Month, long BudgetCents, long SpentCents, IReadOnlyList<ProviderView> Providers);

internal sealed record ProviderView(string Provider, bool Enabled, string Breaker, int ConsecutiveFailures,
    DateTimeOffset? BreakerOpenUntil, long Calls, long Matches, long NoMatches, double? HitRate, long CacheHits,
    double? CacheHitRate, long Errors, long SpentCents);

internal sealed record BudgetRequest([property: Required, Range(0, 100_000_000)] long? MonthlyBudgetCents);

/// <summary>What operators watch per provider this month (the tenant's counters, this node's breakers), and the budget.</summary>
internal static class ProviderEndpoints
{
    public static void Map(RouteGroupBuilder enrichment)
    {
        enrichment.MapGet("/providers", GetAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("GetEnrichmentProviders").WithSummary("Per provider: calls, hit rate, cache hit rate, errors, breaker, spend vs budget.");
        enrichment.MapPut("/budget", PutBudgetAsync).RequireAuthorization(Policies.Admin)
            .WithName("SetEnrichmentBudget").WithSummary("Set the tenant's monthly enrichment budget (cents).");
    }

    private static async Task<Ok<ProvidersView>> GetAsync(ClaimsPrincipal user, Db db, ProviderGuards breakers,
        IOptions<EnrichmentOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var month = Spend.Month(clock.GetUtcNow());
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition("""
            SELECT provider, calls, matches, no_matches AS NoMatches, cache_hits AS CacheHits, errors, spent_cents AS SpentCents
            FROM enrichment.provider_stats WHERE tenant_id = @tenant AND month = @month::date;
            SELECT coalesce((SELECT monthly_budget_cents FROM enrichment.settings WHERE tenant_id = @tenant), @defaultLimit);
            SELECT coalesce((SELECT spent_cents FROM enrichment.budgets WHERE tenant_id = @tenant AND month = @month::date), 0);
            """, new { tenant = user.TenantId(), month, defaultLimit = options.Value.MonthlyBudgetCents }, cancellationToken: ct));
        var stats = (await grid.ReadAsync<StatRow>()).ToDictionary(s => s.Provider);
        var limit = await grid.ReadSingleAsync<long>();
        var spent = await grid.ReadSingleAsync<long>();
        var providers = ProviderNames.All.Select(p =>
        {
            var s = stats.GetValueOrDefault(p) ?? new StatRow(p, 0, 0, 0, 0, 0, 0);
            var b = breakers.For(p);
            var state = b.State;
            return new ProviderView(p, options.Value.For(p).Enabled, state.ToString().ToLowerInvariant(), b.ConsecutiveFailures,
                state == BreakerState.Closed ? null : b.OpenUntil, s.Calls, s.Matches, s.NoMatches,
                Ratio(s.Matches, s.Matches + s.NoMatches), s.CacheHits, Ratio(s.CacheHits, s.CacheHits + s.Calls), s.Errors, s.SpentCents);
        }).ToList();
        return TypedResults.Ok(new ProvidersView(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), limit, spent, providers));
    }

    private static async Task<NoContent> PutBudgetAsync(BudgetRequest request, ClaimsPrincipal user, Db db, TimeProvider clock,
        CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO enrichment.settings (tenant_id, monthly_budget_cents, updated_at) VALUES (@tenant, @cents, @now)
            ON CONFLICT (tenant_id) DO UPDATE SET monthly_budget_cents = excluded.monthly_budget_cents, updated_at = excluded.updated_at;
            UPDATE enrichment.budgets SET limit_cents = @cents WHERE tenant_id = @tenant AND month = @month::date;
            """, new { tenant = tx.TenantId, cents = request.MonthlyBudgetCents, now = clock.GetUtcNow(), month = Spend.Month(clock.GetUtcNow()) },
            tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private sealed record StatRow(string Provider, long Calls, long Matches, long NoMatches, long CacheHits, long Errors, long SpentCents);
}
