using Beacon.Scoring.Registry;
using Beacon.Scoring.Training;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.Serving;

/// <summary>
/// Keeps <c>scoring.outcomes</c> in step with the lead's stage (closed = converted, lost = not; reopening removes
/// it) and, every so many new outcomes, queues a challenger check and a retrain.
/// </summary>
internal sealed class OutcomeRecorder(IOptions<ScoringOptions> options)
{
    public async Task RecordAsync(TenantTransaction tx, Guid leadId, string stage, DateTimeOffset now, CancellationToken ct)
    {
        if (stage is not ("closed" or "lost"))
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM scoring.outcomes WHERE tenant_id = @tenant AND lead_id = @leadId",
                new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));
            return;
        }

        var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scoring.outcomes (tenant_id, lead_id, converted, decided_at) VALUES (@tenant, @leadId, @converted, @now)
            ON CONFLICT (tenant_id, lead_id) DO NOTHING
            """, new { tenant = tx.TenantId, leadId, converted = stage == "closed", now }, tx.Transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return;
        }

        await CountAsync(tx, 1, now, ct);
    }

    /// <summary>The same for a batch of leads (bulk scoring): one delete, one multi-row insert, one count.</summary>
    public async Task RecordManyAsync(TenantTransaction tx, IReadOnlyList<(Guid LeadId, string Stage)> leads, DateTimeOffset now,
        CancellationToken ct)
    {
        var decided = leads.Where(l => l.Stage is "closed" or "lost").ToList();
        var added = await tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            WITH reopened AS (DELETE FROM scoring.outcomes WHERE tenant_id = @tenant AND lead_id = ANY(@open) RETURNING 1),
            added AS (
                INSERT INTO scoring.outcomes (tenant_id, lead_id, converted, decided_at)
                SELECT @tenant, l, c, @now FROM unnest(@ids::uuid[], @converted::boolean[]) AS u(l, c)
                ON CONFLICT (tenant_id, lead_id) DO NOTHING RETURNING 1)
            SELECT count(*)::int FROM added
            """, new
        {
            tenant = tx.TenantId,
            open = leads.Where(l => l.Stage is not ("closed" or "lost")).Select(l => l.LeadId).ToArray(),
            ids = decided.Select(l => l.LeadId).ToArray(),
            converted = decided.Select(l => l.Stage == "closed").ToArray(),
            now,
        }, tx.Transaction, cancellationToken: ct));
        if (added > 0)
        {
            await CountAsync(tx, added, now, ct);
        }
    }

    /// <summary>Counts <paramref name="added"/> new outcomes; a check or retrain is due when the count crosses its mark.</summary>
    private async Task CountAsync(TenantTransaction tx, int added, DateTimeOffset now, CancellationToken ct)
    {
        var count = await tx.Connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO scoring.tenant_state (tenant_id, outcomes_since_train) VALUES (@tenant, @added)
            ON CONFLICT (tenant_id) DO UPDATE SET outcomes_since_train = tenant_state.outcomes_since_train + @added
            RETURNING outcomes_since_train
            """, new { tenant = tx.TenantId, added }, tx.Transaction, cancellationToken: ct));
        var o = options.Value;
        var chainStarted = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE scoring.tenant_state SET retrain_chain = true WHERE tenant_id = @tenant AND NOT retrain_chain
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        if (chainStarted == 1)
        {
            tx.Enqueue(RetrainJob.Name, new RetrainPayload(null, "Scheduled retraining", null, true), now + o.RetrainInterval);
        }

        if (count / o.EvaluateEveryOutcomes > (count - added) / o.EvaluateEveryOutcomes)
        {
            tx.Enqueue(EvaluateChallengerJob.Name, new EvaluateChallengerPayload(tx.TenantId));
        }

        if (count - added < o.RetrainAfterOutcomes && count >= o.RetrainAfterOutcomes)
        {
            tx.Enqueue(RetrainJob.Name, new RetrainPayload(null, $"{count} new matured outcomes", null, false));
        }
    }
}
