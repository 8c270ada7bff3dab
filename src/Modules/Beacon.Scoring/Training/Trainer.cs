using System.Text.Json;
using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Scoring;
using Beacon.Learning.Serialization;
using Beacon.Scoring.Registry;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.Training;

/// <summary>What a retrain registered: its version, status (champion, challenger or rejected) and why.</summary>
internal sealed record TrainOutcome(int Version, string Status, string GateReason);

/// <summary>
/// Retrains a tenant's model from its matured outcomes and registers it: rejected by the gate, champion when there is
/// none yet, otherwise the challenger (replacing an older challenger), with the pre-registered promotion rule.
/// </summary>
internal sealed class Trainer(ILeadHistory history, IServiceProvider services, Promotions promotions,
    IOptions<ScoringOptions> options, TimeProvider clock)
{
    public async Task<TrainOutcome> TrainAsync(TenantTransaction tx, Guid? actor, string reason, int? minAgeDays, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var leads = await history.ListAsync(tx.TenantId, now.AddYears(-3), Serving.ScoreService.MaxActivities, ct);
        var enrichment = services.GetService<IEnrichmentFacts>();
        var withFacts = new List<(Contracts.Leads.LeadSnapshot, EnrichmentFacts?)>(leads.Count);
        foreach (var lead in leads)
        {
            EnrichmentFacts? facts = null;
            if (enrichment is not null && lead.Stage is "closed" or "lost")
            {
                facts = await enrichment.GetAsync(tx.TenantId, lead.LeadId, ct);
            }

            withFacts.Add((lead, facts));
        }

        var rows = TrainingRows.From(withFacts, now, o.HorizonDays, minAgeDays ?? o.TrainingMinAgeDays);
        var built = ModelBuilder.Build(rows, new BuildSettings(o.HorizonDays, o.MinPositives, o.MinNegatives, o.MinHoldoutAuc), ct);

        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('scoring.models:' || @tenant::text, 0))",
            new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        var version = await tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM scoring.models WHERE tenant_id = @tenant",
            new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        var champion = await ModelStore.VersionWithStatusAsync(tx, "champion", ct);
        var status = !built.GatePassed ? "rejected" : champion is null ? "champion" : "challenger";
        if (status == "challenger" && await ModelStore.VersionWithStatusAsync(tx, "challenger", ct) is { } old)
        {
            await ModelStore.SetStatusAsync(tx, old, "retired", ct);
        }

        var rule = new
        {
            test = "DeLong paired ROC AUC difference (challenger − champion) on matured leads shadow-scored by both before their outcome",
            promoteWhen = "one-sided lower bound > 0",
            alpha = o.PromotionAlpha,
            minPositives = o.PromotionMinPositives,
            minNegatives = o.PromotionMinPositives,
        };
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scoring.models (tenant_id, version, status, method, created_at, trained_by, reason, data_from, data_to,
                train_rows, holdout_rows, positives, negatives, gate_passed, gate_reason, pipeline, metrics, calibration,
                promotion_rule, model)
            VALUES (@tenant, @version, 'rejected', @method, @now, @actor, @reason, @from, @to, @trainRows, @holdoutRows, @pos, @neg,
                @passed, @gateReason, @pipeline::jsonb, @metrics::jsonb, @calibration::jsonb, @rule::jsonb, @model)
            """, new
        {
            tenant = tx.TenantId,
            version,
            method = built.Method,
            now,
            actor,
            reason,
            from = rows.Count > 0 ? rows.CreatedAt[0] : (DateTimeOffset?)null,
            to = rows.Count > 0 ? rows.CreatedAt[^1] : (DateTimeOffset?)null,
            trainRows = built.TrainRows,
            holdoutRows = built.HoldoutRows,
            pos = built.Positives,
            neg = built.Negatives,
            passed = built.GatePassed,
            gateReason = built.GateReason,
            pipeline = built.Pipeline is null ? "{}" : JsonSerializer.Serialize(built.Pipeline, ScoringJson.Options),
            metrics = built.Holdout is null ? "{}" : JsonSerializer.Serialize(new
            {
                holdout = built.Holdout.Metrics,
                rocAucLower95 = built.Holdout.AucLower,
                rocAucUpper95 = built.Holdout.AucUpper,
            }, ScoringJson.Options),
            calibration = JsonSerializer.Serialize(built.Holdout?.Calibration ?? [], ScoringJson.Options),
            rule = JsonSerializer.Serialize(rule, ScoringJson.Options),
            model = built.Model is null ? null : ModelSerializer.Serialize(built.Model),
        }, tx.Transaction, cancellationToken: ct));

        if (status == "champion")
        {
            await promotions.PromoteAsync(tx, version, actor, "First model to pass the publish gate.", new { gate = built.GateReason }, ct);
        }
        else if (status == "challenger")
        {
            await ModelStore.SetStatusAsync(tx, version, "challenger", ct);
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scoring.tenant_state (tenant_id, outcomes_since_train) VALUES (@tenant, 0)
            ON CONFLICT (tenant_id) DO UPDATE SET outcomes_since_train = 0
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        return new TrainOutcome(version, status, built.GateReason);
    }
}
