using Beacon.SharedKernel.Database;
using Dapper;
using Npgsql;

namespace Beacon.Billing.Plans;

internal sealed record SubscriptionRow(string PlanCode, DateTimeOffset? TrialEndsAt, int TaxRateBasisPoints, string Standing,
    string? StandingReason, Guid? StandingInvoiceId, DateTimeOffset? StandingChangedAt, DateTimeOffset CreatedAt);

internal sealed record PlanPeriod(string PlanCode, DateTimeOffset StartsAt, DateTimeOffset? EndsAt);

/// <summary>A tenant's subscription and the history of its plans.</summary>
internal static class SubscriptionStore
{
    private const string Columns = """
        plan_code AS PlanCode, trial_ends_at AS TrialEndsAt, tax_rate_basis_points AS TaxRateBasisPoints, standing AS Standing,
        standing_reason AS StandingReason, standing_invoice_id AS StandingInvoiceId, standing_changed_at AS StandingChangedAt,
        created_at AS CreatedAt
        """;

    public static Task<SubscriptionRow?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, bool forUpdate,
        CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM billing.subscriptions WHERE tenant_id = @tenant" + (forUpdate ? " FOR UPDATE" : ""),
            new { tenant }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<PlanPeriod>> PeriodsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        [.. await conn.QueryAsync<PlanPeriod>(new CommandDefinition("""
            SELECT plan_code AS PlanCode, starts_at AS StartsAt, ends_at AS EndsAt FROM billing.plan_periods
             WHERE tenant_id = @tenant AND starts_at < @to AND (ends_at IS NULL OR ends_at > @from) ORDER BY starts_at
            """, new { tenant, from, to }, tx, cancellationToken: ct))];

    /// <summary>Starts a subscription (once: a repeated call leaves the first one as it was).</summary>
    public static Task StartAsync(TenantTransaction tx, string planCode, DateTimeOffset? trialEndsAt, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            WITH created AS (
                INSERT INTO billing.subscriptions (tenant_id, plan_code, trial_ends_at, rated_through, created_at, updated_at)
                VALUES (@tenant, @planCode, @trialEndsAt, @ratedThrough::date, @now, @now)
                ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id)
            INSERT INTO billing.plan_periods (tenant_id, starts_at, plan_code) SELECT tenant_id, @now, @planCode FROM created
            """, new { tenant = tx.TenantId, planCode, trialEndsAt, ratedThrough = BillingMonth.Of(now).Previous.Sql, now },
            tx.Transaction, cancellationToken: ct));

    /// <summary>
    /// Closes the open period at <paramref name="now"/> and opens one on <paramref name="planCode"/>. A second change
    /// in the same instant replaces the first's empty period instead of colliding with it.
    /// </summary>
    public static Task ChangePlanAsync(TenantTransaction tx, string planCode, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing.plan_periods SET ends_at = @now WHERE tenant_id = @tenant AND ends_at IS NULL;
            INSERT INTO billing.plan_periods (tenant_id, starts_at, plan_code) VALUES (@tenant, @now, @planCode)
                ON CONFLICT (tenant_id, starts_at) DO UPDATE SET plan_code = excluded.plan_code, ends_at = NULL;
            UPDATE billing.subscriptions SET plan_code = @planCode, updated_at = @now WHERE tenant_id = @tenant;
            """, new { tenant = tx.TenantId, planCode, now }, tx.Transaction, cancellationToken: ct));

    public static Task SetStandingAsync(TenantTransaction tx, string standing, string? reason, Guid invoiceId, DateTimeOffset at,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing.subscriptions SET standing = @standing, standing_reason = @reason, standing_invoice_id = @invoiceId,
                   standing_changed_at = @at, updated_at = @at
             WHERE tenant_id = @tenant AND (standing_changed_at IS NULL OR standing_changed_at <= @at)
            """, new { tenant = tx.TenantId, standing, reason, invoiceId, at }, tx.Transaction, cancellationToken: ct));

    public static Task SetTaxRateAsync(TenantTransaction tx, int basisPoints, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing.subscriptions SET tax_rate_basis_points = @basisPoints, updated_at = @now WHERE tenant_id = @tenant
            """, new { tenant = tx.TenantId, basisPoints, now }, tx.Transaction, cancellationToken: ct));
}
