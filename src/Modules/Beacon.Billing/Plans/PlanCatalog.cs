using Dapper;
using Npgsql;

namespace Beacon.Billing.Plans;

/// <summary>The seeded plans (a global catalogue: not a tenant's data).</summary>
internal static class PlanCatalog
{
    public static async Task<IReadOnlyList<Plan>> AllAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        var meters = (await conn.QueryAsync<(string Plan, string Meter, long Included, long Price, long UnitSize)>(new CommandDefinition(
            "SELECT plan_code, meter, included, overage_unit_cents, unit_size FROM billing.plan_meters ORDER BY plan_code, meter",
            transaction: tx, cancellationToken: ct))).ToLookup(m => m.Plan);
        var plans = await conn.QueryAsync<(string Code, string Name, long Price, string Currency, int TrialDays)>(new CommandDefinition(
            "SELECT code, name, monthly_price_cents, currency, trial_days FROM billing.plans ORDER BY sort_order",
            transaction: tx, cancellationToken: ct));
        return [.. plans.Select(p => new Plan(p.Code, p.Name, p.Price, p.Currency, p.TrialDays,
            [.. meters[p.Code].Select(m => new PlanMeter(m.Meter, m.Included, m.Price, m.UnitSize))]))];
    }

    public static async Task<Plan?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string code, CancellationToken ct) =>
        (await AllAsync(conn, tx, ct)).FirstOrDefault(p => p.Code == code);
}
