using System.Text.Json;
using Beacon.Scoring.Insights;
using Beacon.Scoring.Serving;
using Beacon.SharedKernel.Database;
using Dapper;
using NpgsqlTypes;

namespace Beacon.Scoring.ScoreImport;

/// <summary>
/// Writes a chunk's scores with one binary COPY into a temp table (row-level security forbids COPY into the real
/// table) and one upsert, its shadow scores with one multi-row upsert, and drops the scores of leads that are gone.
/// A manual override survives a re-score, as with <see cref="ScoreStore.UpsertAsync"/>.
/// </summary>
internal static class BulkScoreStore
{
    private const string Columns = "tenant_id, lead_id, agent_id, last_touch_at, waiting_since, probability, grade, reasons, model_version, method, confidence, features, scored_at";

    public static async Task WriteAsync(TenantTransaction tx, IReadOnlyList<(Guid LeadId, Guid? AgentId, WaitingSince Wait, ScoreResult Score)> scores,
        IReadOnlyList<(Guid LeadId, int Version, double Probability)> shadows, Guid[] gone, DateTimeOffset now, CancellationToken ct)
    {
        var conn = tx.Connection;
        await conn.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE IF NOT EXISTS bulk_scores (LIKE scoring.scores INCLUDING DEFAULTS) ON COMMIT DROP;
            TRUNCATE bulk_scores;
            """, transaction: tx.Transaction, cancellationToken: ct));
        await using (var copy = await conn.BeginBinaryImportAsync($"COPY bulk_scores ({Columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (leadId, agentId, wait, s) in scores)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(tx.TenantId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(leadId, NpgsqlDbType.Uuid, ct);
                await Nullable(copy, agentId, NpgsqlDbType.Uuid, ct);
                await Nullable(copy, wait.LastTouch?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(wait.Since.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(s.Probability, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(s.Grade, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(JsonSerializer.Serialize(s.Reasons, ScoringJson.Options), NpgsqlDbType.Jsonb, ct);
                await Nullable(copy, s.ModelVersion, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(s.Method, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(s.Confidence, NpgsqlDbType.Text, ct);
                await Nullable(copy, s.Features, NpgsqlDbType.Array | NpgsqlDbType.Double, ct);
                await copy.WriteAsync(now.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await conn.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO scoring.scores ({Columns}) SELECT {Columns} FROM bulk_scores
            ON CONFLICT (tenant_id, lead_id) DO UPDATE SET agent_id = excluded.agent_id, last_touch_at = excluded.last_touch_at,
                waiting_since = excluded.waiting_since,
                probability = excluded.probability,
                grade = excluded.grade, reasons = excluded.reasons, model_version = excluded.model_version, method = excluded.method,
                confidence = excluded.confidence, features = excluded.features, scored_at = excluded.scored_at;
            INSERT INTO scoring.shadow_scores (tenant_id, lead_id, model_version, probability, scored_at)
            SELECT @tenant, l, v, p, @now FROM unnest(@leads::uuid[], @versions::int[], @probabilities::float8[]) AS u(l, v, p)
            ON CONFLICT (tenant_id, lead_id, model_version) DO UPDATE SET probability = excluded.probability, scored_at = excluded.scored_at;
            DELETE FROM scoring.scores WHERE tenant_id = @tenant AND lead_id = ANY(@gone);
            DELETE FROM scoring.shadow_scores WHERE tenant_id = @tenant AND lead_id = ANY(@gone);
            DELETE FROM scoring.outcomes WHERE tenant_id = @tenant AND lead_id = ANY(@gone);
            """, new
        {
            tenant = tx.TenantId,
            now,
            leads = shadows.Select(s => s.LeadId).ToArray(),
            versions = shadows.Select(s => s.Version).ToArray(),
            probabilities = shadows.Select(s => s.Probability).ToArray(),
            gone,
        }, tx.Transaction, cancellationToken: ct));
    }

    private static Task Nullable<T>(Npgsql.NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, type, ct);
}
