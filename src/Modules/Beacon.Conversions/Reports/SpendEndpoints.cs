using System.Globalization;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Conversions.Reports;

/// <summary>What a source cost in a month (<c>YYYY-MM</c>), in cents; zero removes the entry.</summary>
internal sealed record SpendEntry(string? Source, string? Month, long? AmountCents, string? Currency);

/// <summary><c>/api/v1/reports/conversions/spend</c>: marketing spend per source and month, for cost per lead and ROI.</summary>
internal static class SpendEndpoints
{
    public static void Map(RouteGroupBuilder reports)
    {
        reports.MapGet("/spend", ListAsync).RequireAuthorization(Policies.ReadOnly).WithName("ListSourceSpend")
            .WithSummary("Spend per source and month, newest month first.");
        reports.MapPut("/spend", PutAsync).RequireAuthorization(Policies.Admin).WithName("SetSourceSpend")
            .WithSummary("Set what a source cost in a month (amountCents 0 removes it).");
    }

    private static async Task<Ok<List<SpendEntry>>> ListAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var rows = await conn.QueryAsync<(string Source, DateTime Month, long Cents, string Currency)>(new CommandDefinition("""
            SELECT source, month, amount_cents, currency FROM conversions.spend WHERE tenant_id = @tenant
             ORDER BY month DESC, source LIMIT 1000
            """, new { tenant = user.TenantId() }, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(r => new SpendEntry(r.Source, r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Cents,
            r.Currency.Trim())).ToList());
    }

    private static async Task<Results<Ok<SpendEntry>, ValidationProblem>> PutAsync(SpendEntry entry, ClaimsPrincipal user, Db db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(entry.Source) || entry.Source.Length > 100)
        {
            errors["source"] = ["Required, at most 100 characters."];
        }

        if (!DateOnly.TryParseExact(entry.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || month.Year is < 1990 or > 2100)
        {
            errors["month"] = ["A month as YYYY-MM."];
        }

        Deals.DealRules.Check(null, entry.AmountCents ?? -1, null, entry.Currency, null, errors);
        if (errors.Remove("priceCents"))
        {
            errors["amountCents"] = [$"Required: whole cents from 0 to {Deals.DealRules.MaxCents}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        var args = new
        {
            tenant = tx.TenantId,
            source = entry.Source!.Trim(),
            month = month.ToDateTime(TimeOnly.MinValue),
            cents = entry.AmountCents,
            currency = entry.Currency ?? "USD",
            now = clock.GetUtcNow(),
        };
        await tx.Connection.ExecuteAsync(new CommandDefinition(entry.AmountCents == 0
            ? "DELETE FROM conversions.spend WHERE tenant_id = @tenant AND source = @source AND month = @month::date"
            : """
              INSERT INTO conversions.spend (tenant_id, source, month, amount_cents, currency, updated_at)
              VALUES (@tenant, @source, @month::date, @cents, @currency, @now)
              ON CONFLICT (tenant_id, source, month) DO UPDATE SET amount_cents = @cents, currency = @currency, updated_at = @now
              """, args, tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(entry with { Source = args.source, Currency = args.currency });
    }
}
