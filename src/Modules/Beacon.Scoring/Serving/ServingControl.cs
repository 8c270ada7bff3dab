using Beacon.SharedKernel.Database;
using Dapper;
using Npgsql;

namespace Beacon.Scoring.Serving;

/// <summary>
/// A tenant's A/B control as managers set it: the challenger's share of leads (null = the configured
/// <see cref="ScoringOptions.ChallengerTrafficPercent"/>) and the kill switch that serves the scorecard to everyone.
/// </summary>
internal sealed record ServingControl(int? ChallengerPercent, bool RulesOnly, string? RulesOnlyReason, DateTimeOffset? UpdatedAt,
    Guid? UpdatedBy)
{
    public static readonly ServingControl Default = new(null, false, null, null, null);

    /// <summary>The share actually served: the tenant's own, else the configured default.</summary>
    public int EffectivePercent(ScoringOptions options) => ChallengerPercent ?? options.ChallengerTrafficPercent;

    public static async Task<ServingControl> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(int? Percent, bool RulesOnly, string? Reason, DateTimeOffset At, Guid? By)>(new CommandDefinition("""
            SELECT challenger_percent, rules_only, rules_only_reason, updated_at, updated_by
              FROM scoring.serving_control WHERE tenant_id = @tenant
            """, new { tenant }, tx, cancellationToken: ct));
        return rows.Select(r => new ServingControl(r.Percent, r.RulesOnly, r.Reason, r.At, r.By)).FirstOrDefault() ?? Default;
    }

    /// <summary>Writes the whole control row (the caller read it under the same lock and changed one part).</summary>
    public static Task SaveAsync(TenantTransaction tx, ServingControl control, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scoring.serving_control (tenant_id, challenger_percent, rules_only, rules_only_reason, updated_at, updated_by)
            VALUES (@tenant, @ChallengerPercent, @RulesOnly, @RulesOnlyReason, @UpdatedAt, @UpdatedBy)
            ON CONFLICT (tenant_id) DO UPDATE SET challenger_percent = excluded.challenger_percent, rules_only = excluded.rules_only,
                rules_only_reason = excluded.rules_only_reason, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new
        {
            tenant = tx.TenantId,
            control.ChallengerPercent,
            control.RulesOnly,
            control.RulesOnlyReason,
            control.UpdatedAt,
            control.UpdatedBy
        }, tx.Transaction, cancellationToken: ct));

    /// <summary>Serialises concurrent changes of one tenant's control (two managers at once: the later sees the earlier).</summary>
    public static Task LockAsync(TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('scoring.serving:' || @tenant::text, 0))",
            new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
}
