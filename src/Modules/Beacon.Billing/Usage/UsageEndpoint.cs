using System.Security.Claims;
using Beacon.Billing.Plans;
using Beacon.Contracts.Billing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Billing.Usage;

internal sealed record BillingDimensionUsage(string Dimension, long Quantity, long CostCents);

/// <summary>One meter's distinct usage in the month, against the plan's included units and overage price.</summary>
internal sealed record BillingMeterUsage(string Meter, long Quantity, long Included, long Overage, long OverageCents, long OverageUnitCents,
    long UnitSize, long CostCents, IReadOnlyList<BillingDimensionUsage> Dimensions);

/// <summary>A month's usage per meter (the current month: so far), rated against the plan in force now.</summary>
internal sealed record BillingUsage(string Month, DateTimeOffset From, DateTimeOffset To, string PlanCode, string PlanName,
    IReadOnlyList<BillingMeterUsage> Meters, long OverageCents);

internal static class UsageEndpoint
{
    public static void Map(RouteGroupBuilder billing) =>
        billing.MapGet("/usage", GetAsync).WithName("GetBillingUsage")
            .WithSummary("Usage per meter for a month (yyyy-MM; default: this month so far): included units, overage and cost.");

    private static async Task<Results<Ok<BillingUsage>, NotFound, ValidationProblem>> GetAsync(string? month, ClaimsPrincipal actor,
        Db db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if ((month is null ? BillingMonth.Of(now) : BillingMonth.TryParse(month)) is not { } chosen)
        {
            return ProblemResults.Field("month", "A month as yyyy-MM, e.g. 2026-12.");
        }

        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        if (await SubscriptionStore.GetAsync(conn, null, actor.TenantId(), forUpdate: false, ct) is not { } subscription)
        {
            return TypedResults.NotFound();
        }

        // The plan whose quotas apply: the one in force at the month's end (or now, for the month so far).
        var at = chosen.End <= now ? chosen.End.AddTicks(-1) : now;
        var periods = await SubscriptionStore.PeriodsAsync(conn, null, actor.TenantId(), at, at.AddTicks(1), ct);
        var plan = (await PlanCatalog.FindAsync(conn, null, periods.Count > 0 ? periods[^1].PlanCode : subscription.PlanCode, ct))!;
        var rows = (await conn.QueryAsync<(string Meter, string Dimension, long Quantity, long CostCents)>(new CommandDefinition("""
            SELECT meter, dimension, sum(quantity)::bigint, sum(cost_cents)::bigint FROM billing.usage
             WHERE tenant_id = @tenant AND month = @month::date GROUP BY meter, dimension ORDER BY meter, dimension
            """, new { tenant = actor.TenantId(), month = chosen.Sql }, cancellationToken: ct))).ToLookup(r => r.Meter);
        var meters = UsageMeters.All.Select(meter =>
        {
            var terms = plan.MeterOf(meter) ?? new PlanMeter(meter, 0, 0, 1);
            var quantity = rows[meter].Sum(r => r.Quantity);
            return new BillingMeterUsage(meter, quantity, terms.Included, Math.Max(0, quantity - terms.Included), terms.OverageCents(quantity),
                terms.OverageUnitCents, terms.UnitSize, rows[meter].Sum(r => r.CostCents),
                [.. rows[meter].Select(r => new BillingDimensionUsage(r.Dimension, r.Quantity, r.CostCents))]);
        }).ToList();
        return TypedResults.Ok(new BillingUsage(chosen.ToString(), chosen.Start, chosen.End, plan.Code, plan.Name, meters,
            meters.Sum(m => m.OverageCents)));
    }
}
