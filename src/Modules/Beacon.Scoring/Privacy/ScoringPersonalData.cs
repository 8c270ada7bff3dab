using System.Text.Json;
using Beacon.Contracts.Privacy;
using Beacon.Scoring.Features;
using Beacon.Scoring.Serving;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;
using Npgsql;

namespace Beacon.Scoring.Privacy;

/// <summary>
/// The lead's served score, its shadow scores and its recorded outcome. Trained models stay: they hold weights
/// learned from many leads, not this person's values (ADR 0016).
/// </summary>
internal sealed class ScoringEraser : IPersonalDataEraser
{
    public string Module => "scoring";

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct) =>
        ScoringData.DeleteAsync(context.Connection, context.Transaction, context.TenantId, context.Subject.LeadId, ct);
}

internal static class ScoringData
{
    public static Task DeleteAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction tx, Guid tenant,
        Guid leadId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            SELECT pg_advisory_xact_lock(hashtextextended('scoring.lead:' || @tenant::text || ':' || @leadId::text, 0));
            DELETE FROM scoring.scores WHERE tenant_id = @tenant AND lead_id = @leadId;
            DELETE FROM scoring.shadow_scores WHERE tenant_id = @tenant AND lead_id = @leadId;
            DELETE FROM scoring.outcomes WHERE tenant_id = @tenant AND lead_id = @leadId;
            """, new { tenant, leadId }, tx, cancellationToken: ct));
}

/// <summary>An objection to profiling removes the score; <see cref="ScoreService"/> then declines to make a new one.</summary>
internal sealed class DropScoreOnObjection : IEventHandler<LeadProcessingObjected>
{
    public Task HandleAsync(LeadProcessingObjected e, TenantTransaction tx, CancellationToken ct) =>
        e.Purpose == ProcessingPurposes.Profiling
            ? ScoringData.DeleteAsync(tx.Connection, tx.Transaction, tx.TenantId, e.LeadId, ct)
            : Task.CompletedTask;
}

/// <summary>The score with the logic behind it in words (Art. 15(1)(h)), its reasons and the model version.</summary>
internal sealed class ScoringExporter : IPersonalDataExporter
{
    public string Section => "score";

    public async Task<object?> ExportLeadAsync(ExportContext context, CancellationToken ct)
    {
        var s = await ScoreStore.ReadAsync((NpgsqlConnection)context.Connection, null, context.TenantId, context.LeadId, ct);
        if (s is null)
        {
            return null;
        }

        var reasons = JsonSerializer.Deserialize<List<ScoreReason>>(s.Reasons, ScoringJson.Options) ?? [];
        return new ScoreSection(s.Probability, s.OverrideGrade ?? s.Grade, s.Grade, s.Method, s.ModelVersion, s.Confidence,
            s.ScoredAt, LogicOf(s.Method, s.ModelVersion), reasons,
            s.OverrideGrade is null ? null : new ScoreOverrideSection(s.OverrideGrade, s.OverrideReason, s.OverrideAt));
    }

    private static string LogicOf(string method, int? version) => method == "model"
        ? $"An automated estimate of the chance that this lead becomes a client within the scoring horizon, made by "
          + $"model version {version}: a statistical model trained on this brokerage's own past leads and whether they "
          + "converted. It weighs facts such as the lead's source, type, budget, stated timeline, financing, how recently "
          + "and how often the lead was in contact, and facts about the property from enrichment. The probability is "
          + "turned into a grade (A–D); the reasons list what pushed the estimate up or down most. A person may override "
          + "the grade, and the person may object to this profiling at any time."
        : "An automated estimate of the chance that this lead becomes a client, made by a fixed scorecard of rules (no "
          + "trained model was in use): points for the lead's source, type, budget, stated timeline, financing and recent "
          + "contact, turned into a probability and a grade (A–D). The reasons list the rules that mattered most. A person "
          + "may override the grade, and the person may object to this profiling at any time.";
}

internal sealed record ScoreOverrideSection(string Grade, string? Reason, DateTimeOffset? At);

internal sealed record ScoreSection(double Probability, string Grade, string ComputedGrade, string Method, int? ModelVersion,
    string Confidence, DateTimeOffset ScoredAt, string Logic, IReadOnlyList<ScoreReason> Reasons, ScoreOverrideSection? Override);
