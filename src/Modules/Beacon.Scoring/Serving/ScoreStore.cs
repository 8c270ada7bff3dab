using System.Text.Json;
using Beacon.SharedKernel.Database;
using Dapper;
using Npgsql;

namespace Beacon.Scoring.Serving;

/// <summary>A stored score row (<c>scoring.scores</c>).</summary>
internal sealed class StoredScore
{
    public double Probability { get; init; }

    public string Grade { get; init; } = "";

    public string Reasons { get; init; } = "[]";

    public int? ModelVersion { get; init; }

    public string Method { get; init; } = "";

    public string Confidence { get; init; } = "";

    public DateTimeOffset ScoredAt { get; init; }

    public string? OverrideGrade { get; init; }

    public Guid? OverrideBy { get; init; }

    public string? OverrideReason { get; init; }

    public DateTimeOffset? OverrideAt { get; init; }
}

/// <summary>SQL of the served scores and the shadow scores of each live model version.</summary>
internal static class ScoreStore
{
    private const string Columns = """
        probability, grade, reasons::text AS reasons, model_version, method, confidence, scored_at,
        override_grade, override_by, override_reason, override_at
        """;

    /// <summary>
    /// Serialises the scorings of one lead until the transaction ends. Two at once (a burst of activities handled by
    /// several workers) would each read a snapshot, and the one that read first could commit last: a stale score.
    /// </summary>
    public static Task LockLeadAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('scoring.lead:' || @tenant::text || ':' || @leadId::text, 0))",
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));

    public static Task<StoredScore?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, Guid leadId,
        CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<StoredScore>(new CommandDefinition($"""
            SELECT {Columns} FROM scoring.scores WHERE tenant_id = @tenant AND lead_id = @leadId
            """, new { tenant, leadId }, tx, cancellationToken: ct));

    /// <param name="agentId">The lead's agent now (from its snapshot): the score row follows assignments for the insights figures.</param>
    /// <param name="wait">The lead's last human touch, and since when it has waited (hot leads' filter and order).</param>
    public static Task UpsertAsync(TenantTransaction tx, Guid leadId, Guid? agentId, Insights.WaitingSince wait, ScoreResult s,
        DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scoring.scores (tenant_id, lead_id, agent_id, last_touch_at, waiting_since, probability, grade, reasons,
                                        model_version, method, confidence, features, scored_at)
            VALUES (@tenant, @leadId, @agentId, @lastTouch, @waitingSince, @p, @grade, @reasons::jsonb, @version, @method, @confidence,
                    @features, @now)
            ON CONFLICT (tenant_id, lead_id) DO UPDATE SET agent_id = excluded.agent_id, last_touch_at = excluded.last_touch_at,
                waiting_since = excluded.waiting_since, probability = excluded.probability,
                grade = excluded.grade, reasons = excluded.reasons, model_version = excluded.model_version, method = excluded.method,
                confidence = excluded.confidence, features = excluded.features, scored_at = excluded.scored_at
            """, new
        {
            tenant = tx.TenantId,
            leadId,
            agentId,
            lastTouch = wait.LastTouch,
            waitingSince = wait.Since,
            p = s.Probability,
            grade = s.Grade,
            reasons = JsonSerializer.Serialize(s.Reasons, ScoringJson.Options),
            version = s.ModelVersion,
            method = s.Method,
            confidence = s.Confidence,
            features = s.Features,
            now,
        }, tx.Transaction, cancellationToken: ct));

    public static Task UpsertShadowAsync(TenantTransaction tx, Guid leadId, int version, double p, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scoring.shadow_scores (tenant_id, lead_id, model_version, probability, scored_at)
            VALUES (@tenant, @leadId, @version, @p, @now)
            ON CONFLICT (tenant_id, lead_id, model_version) DO UPDATE SET probability = excluded.probability, scored_at = excluded.scored_at
            """, new { tenant = tx.TenantId, leadId, version, p, now }, tx.Transaction, cancellationToken: ct));

    public static Task DeleteAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM scoring.scores WHERE tenant_id = @tenant AND lead_id = @leadId;
            DELETE FROM scoring.shadow_scores WHERE tenant_id = @tenant AND lead_id = @leadId;
            DELETE FROM scoring.outcomes WHERE tenant_id = @tenant AND lead_id = @leadId;
            """, new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));
}
