using System.Security.Claims;
using Beacon.Billing.Rating;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Beacon.Billing.Plans;

internal static class PlanEndpoints
{
    public static void Map(RouteGroupBuilder billing)
    {
        billing.MapGet("/plans", ListAsync).WithName("ListBillingPlans").WithSummary("The plans on sale, with included units and overage prices.");
        billing.MapGet("/subscription", GetAsync).WithName("GetBillingSubscription")
            .WithSummary("The brokerage's plan, trial, tax rate and account standing.");
        billing.MapGet("/subscription/preview", PreviewAsync).WithName("PreviewPlanChange")
            .WithSummary("This month's plan charges with and without changing to another plan now (prorated by the second).");
        billing.MapPut("/subscription/plan", ChangeAsync).WithName("ChangeBillingPlan")
            .WithSummary("Change plan now; the month is prorated between the plans by the second.");
        billing.MapPut("/subscription/tax-rate", SetTaxAsync).WithName("SetBillingTaxRate")
            .WithSummary("The tax rate (basis points) applied to invoices rated from now on.");
    }

    private static async Task<Ok<IReadOnlyList<BillingPlan>>> ListAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok<IReadOnlyList<BillingPlan>>([.. (await PlanCatalog.AllAsync(conn, null, ct)).Select(ToResponse)]);
    }

    private static async Task<Results<Ok<BillingSubscription>, NotFound>> GetAsync(ClaimsPrincipal actor, Db db, TimeProvider clock,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return await ReadAsync(conn, null, actor.TenantId(), clock.GetUtcNow(), ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ProrationPreview>, NotFound, ValidationProblem>> PreviewAsync(string? planCode,
        ClaimsPrincipal actor, Db db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var plans = await PlanCatalog.AllAsync(conn, null, ct);
        if (plans.FirstOrDefault(p => p.Code == planCode) is not { } target)
        {
            return ProblemResults.Field("planCode", UnknownPlan(plans));
        }

        if (await SubscriptionStore.GetAsync(conn, null, actor.TenantId(), forUpdate: false, ct) is not { } subscription)
        {
            return TypedResults.NotFound();
        }

        var month = BillingMonth.Of(now);
        var periods = await SubscriptionStore.PeriodsAsync(conn, null, actor.TenantId(), month.Start, month.End, ct);
        var without = MonthRating.Rate(month, periods, plans, [], subscription.TrialEndsAt, 0, subscription.PlanCode);
        var changed = periods.Select(p => p.EndsAt is null ? p with { EndsAt = now } : p).Append(new PlanPeriod(target.Code, now, null)).ToList();
        var with = MonthRating.Rate(month, changed, plans, [], subscription.TrialEndsAt, 0, target.Code);
        return TypedResults.Ok(new ProrationPreview(subscription.PlanCode, target.Code, now, without.SubtotalCents, with.SubtotalCents,
            with.SubtotalCents - without.SubtotalCents, with.Lines));
    }

    private static async Task<Results<Ok<BillingSubscription>, NotFound, ValidationProblem>> ChangeAsync(ChangePlanRequest request,
        ClaimsPrincipal actor, Db db, BillingRateLimitPlans rateLimitPlans, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(actor.TenantId(), ct);
        var plans = await PlanCatalog.AllAsync(tx.Connection, tx.Transaction, ct);
        if (plans.All(p => p.Code != request.PlanCode))
        {
            return ProblemResults.Field("planCode", UnknownPlan(plans));
        }

        if (await SubscriptionStore.GetAsync(tx.Connection, tx.Transaction, actor.TenantId(), forUpdate: true, ct) is not { } current)
        {
            return TypedResults.NotFound();
        }

        // The clock is read under the subscription's lock: a change that waited for a concurrent one starts after it,
        // so the periods stay one unbroken chain.
        var now = clock.GetUtcNow();
        if (current.PlanCode != request.PlanCode)
        {
            await SubscriptionStore.ChangePlanAsync(tx, request.PlanCode, now, ct);
        }

        var changed = await ReadAsync(tx.Connection, tx.Transaction, actor.TenantId(), now, ct);
        await tx.CommitAsync(ct);
        rateLimitPlans.Forget(actor.TenantId());
        return TypedResults.Ok(changed!);
    }

    private static async Task<Results<Ok<BillingSubscription>, NotFound>> SetTaxAsync(TaxRateRequest request, ClaimsPrincipal actor,
        Db db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(actor.TenantId(), ct);
        await SubscriptionStore.SetTaxRateAsync(tx, request.TaxRateBasisPoints, now, ct);
        var changed = await ReadAsync(tx.Connection, tx.Transaction, actor.TenantId(), now, ct);
        await tx.CommitAsync(ct);
        return changed is null ? TypedResults.NotFound() : TypedResults.Ok(changed);
    }

    private static async Task<BillingSubscription?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant,
        DateTimeOffset now, CancellationToken ct)
    {
        if (await SubscriptionStore.GetAsync(conn, tx, tenant, forUpdate: false, ct) is not { } s)
        {
            return null;
        }

        var plan = (await PlanCatalog.FindAsync(conn, tx, s.PlanCode, ct))!;
        var current = await SubscriptionStore.PeriodsAsync(conn, tx, tenant, now, now.AddTicks(1), ct);
        var since = current.Count > 0 ? current[^1].StartsAt : s.CreatedAt;
        return new BillingSubscription(ToResponse(plan), s.TrialEndsAt, s.TrialEndsAt > now, s.TaxRateBasisPoints, s.Standing,
            s.StandingReason, s.StandingInvoiceId, s.StandingChangedAt, since);
    }

    private static string UnknownPlan(IReadOnlyList<Plan> plans) => $"Unknown plan; one of {string.Join(", ", plans.Select(p => p.Code))}.";

    private static BillingPlan ToResponse(Plan p) => new(p.Code, p.Name, p.MonthlyPriceCents, p.Currency, p.TrialDays, p.Meters);
}
