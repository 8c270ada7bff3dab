using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Conversions.Reports;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Conversions.Deals;

/// <summary><c>/api/v1/conversions</c>: deals recorded by hand (agents for leads they may view) and their list.</summary>
internal static class DealEndpoints
{
    public static void Map(RouteGroupBuilder deals)
    {
        deals.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadOnly).WithName("ListDeals")
            .WithSummary("The deals the caller may see (of their own, their team's or all agents), newest first; filter by leadId.");
        deals.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.ReadOnly).WithName("GetDeal").WithSummary("One deal.");
        deals.MapPost("/", RecordAsync).RequireAuthorization(Policies.Agent).WithName("RecordDeal")
            .WithSummary("Record a lead's deal (a closed deal is a conversion and a positive outcome for scoring).");
        deals.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Agent).WithName("UpdateDeal")
            .WithSummary("Change a deal's stage, agent, close date or amounts.");
    }

    private static async Task<Results<Ok<DealPage>, ValidationProblem>> ListAsync(Guid? leadId, int? limit, int? offset,
        ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        if (limit is < 1 or > 200 || offset is < 0 or > 100_000)
        {
            return ProblemResults.Field(limit is < 1 or > 200 ? "limit" : "offset", "limit 1–200, offset 0–100000.");
        }

        var scope = Scope.Of(user);
        var p = new DynamicParameters(new { tenant = user.TenantId(), leadId, limit = limit ?? 50, offset = offset ?? 0 });
        scope.AddTo(p);
        var where = $"(@leadId::uuid IS NULL OR d.lead_id = @leadId) AND {scope.Over("d.agent_id")}";
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*)::int FROM conversions.deals d WHERE d.tenant_id = @tenant AND {where}", p, cancellationToken: ct));
        var items = await DealStore.QueryAsync(conn,
            DealStore.Select(where) + " ORDER BY d.created_at DESC, d.id DESC LIMIT @limit OFFSET @offset", p, ct);
        return TypedResults.Ok(new DealPage(items, total));
    }

    private static async Task<Results<Ok<DealResponse>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        var scope = Scope.Of(user);
        var p = new DynamicParameters(new { tenant = user.TenantId(), id });
        scope.AddTo(p);
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var found = await DealStore.QueryAsync(conn, DealStore.Select($"d.id = @id AND {scope.Over("d.agent_id")}"), p, ct);
        return found is [var deal] ? TypedResults.Ok(deal) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<DealResponse>, ValidationProblem>> RecordAsync(RecordDealRequest request,
        ClaimsPrincipal user, Db db, ILeadAccess access, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.LeadId is null)
        {
            errors["leadId"] = ["Required."];
        }

        if (request.Stage is null)
        {
            errors["stage"] = ["Required."];
        }

        DealRules.Check(request.Stage, request.PriceCents, request.CommissionCents, request.Currency, request.CloseDate, errors);
        if (errors.Count == 0 && !await access.MayViewAsync(user, request.LeadId!.Value, ct))
        {
            errors["leadId"] = ["No lead you may see has this id."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        var agent = request.AgentId ?? await AssignedAgentAsync(tx, request.LeadId!.Value, ct) ?? user.UserId();
        if (request.AgentId is { } chosen && !await IsAgentAsync(tx, chosen, ct))
        {
            return ProblemResults.Field("agentId", "No user of this brokerage has this id.");
        }

        var deal = new DealResponse(Guid.CreateVersion7(), request.LeadId!.Value, agent, request.Stage!,
            request.CloseDate ?? (request.Stage == "closed" ? DateOnly.FromDateTime(now.UtcDateTime) : null),
            request.PriceCents, request.CommissionCents, request.Currency ?? "USD", "manual", now, now, 1);
        await DealStore.InsertAsync(tx, deal, user.UserId(), null, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/conversions/{deal.Id}", deal);
    }

    private static async Task<Results<Ok<DealResponse>, NotFound, ValidationProblem>> UpdateAsync(Guid id, UpdateDealRequest request,
        ClaimsPrincipal user, Db db, ILeadAccess access, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        DealRules.Check(request.Stage, request.PriceCents, request.CommissionCents, request.Currency, request.CloseDate, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Access is asked before the transaction: it takes a connection of its own, never while we hold one.
        var leadId = await LeadOfAsync(db, user.TenantId(), id, ct);
        if (leadId is null || !await access.MayViewAsync(user, leadId.Value, ct))
        {
            return TypedResults.NotFound();
        }

        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        if (await DealStore.GetForUpdateAsync(tx, id, leadId.Value, ct) is not { } deal)
        {
            return TypedResults.NotFound();
        }

        if (request.AgentId is { } chosen && !await IsAgentAsync(tx, chosen, ct))
        {
            return ProblemResults.Field("agentId", "No user of this brokerage has this id.");
        }

        var changed = deal with
        {
            AgentId = request.AgentId ?? deal.AgentId,
            Stage = request.Stage ?? deal.Stage,
            CloseDate = request.CloseDate ?? deal.CloseDate,
            PriceCents = request.PriceCents ?? deal.PriceCents,
            CommissionCents = request.CommissionCents ?? deal.CommissionCents,
            Currency = request.Currency ?? deal.Currency,
            UpdatedAt = clock.GetUtcNow(),
        };
        if (changed.CommissionCents > changed.PriceCents)
        {
            return ProblemResults.Field("commissionCents", "The commission cannot exceed the price.");
        }

        var saved = await DealStore.UpdateAsync(tx, changed, user.UserId(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(saved);
    }

    private static async Task<Guid?> LeadOfAsync(Db db, Guid tenant, Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        return await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT lead_id FROM conversions.deals WHERE tenant_id = @tenant AND id = @id", new { tenant, id }, cancellationToken: ct));
    }

    private static Task<Guid?> AssignedAgentAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT agent_id FROM conversions.lead_facts WHERE tenant_id = @tenant AND lead_id = @leadId",
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));

    private static async Task<bool> IsAgentAsync(TenantTransaction tx, Guid agentId, CancellationToken ct) =>
        await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM conversions.agents WHERE tenant_id = @tenant AND user_id = @agentId)",
            new { tenant = tx.TenantId, agentId }, tx.Transaction, cancellationToken: ct));
}
