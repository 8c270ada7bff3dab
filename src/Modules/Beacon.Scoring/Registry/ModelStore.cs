using Beacon.SharedKernel.Database;
using Dapper;
using Npgsql;

namespace Beacon.Scoring.Registry;

/// <summary>SQL of the model registry (<c>scoring.models</c>) and its promotion log (<c>scoring.promotions</c>).</summary>
internal static class ModelStore
{
    private const string Columns = """
        version, status, method, created_at, trained_by, reason, data_from, data_to, train_rows, holdout_rows, positives,
        negatives, gate_passed, gate_reason, metrics::text AS metrics, calibration::text AS calibration,
        promotion_rule::text AS promotion_rule, pipeline->>'version' AS feature_version,
        COALESCE(pipeline->'features', '[]')::text AS features
        """;

    public static async Task<List<ModelRecord>> ListAsync(NpgsqlConnection conn, Guid tenant, CancellationToken ct) =>
        [.. await conn.QueryAsync<ModelRecord>(new CommandDefinition($"""
            SELECT {Columns} FROM scoring.models WHERE tenant_id = @tenant ORDER BY version DESC
            """, new { tenant }, cancellationToken: ct))];

    public static Task<ModelRecord?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, int version, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<ModelRecord>(new CommandDefinition($"""
            SELECT {Columns} FROM scoring.models WHERE tenant_id = @tenant AND version = @version
            """, new { tenant, version }, tx, cancellationToken: ct));

    public static Task<int?> VersionWithStatusAsync(TenantTransaction tx, string status, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition("""
            SELECT version FROM scoring.models WHERE tenant_id = @tenant AND status = @status FOR UPDATE
            """, new { tenant = tx.TenantId, status }, tx.Transaction, cancellationToken: ct));

    public static Task SetStatusAsync(TenantTransaction tx, int version, string status, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE scoring.models SET status = @status WHERE tenant_id = @tenant AND version = @version
            """, new { tenant = tx.TenantId, version, status }, tx.Transaction, cancellationToken: ct));

    public static Task RecordPromotionAsync(TenantTransaction tx, DateTimeOffset at, string action, int? from, int? to,
        Guid? actor, string reason, string evidenceJson, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scoring.promotions (tenant_id, id, at, action, from_version, to_version, actor_id, reason, evidence)
            VALUES (@tenant, @id, @at, @action, @from, @to, @actor, @reason, @evidence::jsonb)
            """, new { tenant = tx.TenantId, id = Guid.CreateVersion7(), at, action, from, to, actor, reason, evidence = evidenceJson },
            tx.Transaction, cancellationToken: ct));

    public static async Task<List<PromotionRecord>> PromotionsAsync(NpgsqlConnection conn, Guid tenant, CancellationToken ct) =>
        [.. await conn.QueryAsync<PromotionRecord>(new CommandDefinition("""
            SELECT id, at, action, from_version, to_version, actor_id, reason, evidence::text AS evidence
              FROM scoring.promotions WHERE tenant_id = @tenant ORDER BY at DESC, id DESC
            """, new { tenant }, cancellationToken: ct))];
}

internal sealed class PromotionRecord
{
    public Guid Id { get; init; }

    public DateTimeOffset At { get; init; }

    public string Action { get; init; } = "";

    public int? FromVersion { get; init; }

    public int? ToVersion { get; init; }

    public Guid? ActorId { get; init; }

    public string Reason { get; init; } = "";

    public string Evidence { get; init; } = "{}";
}
