using System.Diagnostics;
using System.Diagnostics.Metrics;
using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.Contracts.Scoring;
using Beacon.Scoring.Features;
using Beacon.SharedKernel.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.Serving;

/// <summary>
/// Re-scores one lead inside the handler's tenant transaction: facts from the lead snapshot and enrichment, the
/// champion's score (or the scorecard on no model, a fault or a timeout), shadow scores of champion and challenger,
/// the outcome when the stage says so, and <c>lead.scored</c> when the served score moved materially.
/// </summary>
internal sealed partial class ScoreService(ILeadSnapshots snapshots, IServiceProvider services, ActiveModels active,
    ModelFaultSwitch faults, ScoreCalculator calculator, OutcomeRecorder outcomes, IOptions<ScoringOptions> options,
    TimeProvider clock, IMeterFactory meters, ILogger<ScoreService> log)
{
    public const int MaxActivities = 500;

    // Per lead, snapshot to upsert; tagged by how the score was made (model or rules), never by tenant or lead.
    private readonly Histogram<double> _duration = meters.Create("Beacon.Scoring")
        .CreateHistogram<double>("beacon.scoring.duration", "s", "Time to score one lead, by method.");

    public async Task ScoreAsync(TenantTransaction tx, Guid leadId, CancellationToken ct)
    {
        await ScoreStore.LockLeadAsync(tx, leadId, ct);
        var started = Stopwatch.GetTimestamp();
        var lead = await snapshots.GetAsync(tx.TenantId, leadId, MaxActivities, ct);
        // A person who objected to profiling is not scored (GDPR Art. 21); whatever score there was goes.
        if (lead is null || await ObjectedAsync(tx, [leadId], ct) is { Count: > 0 })
        {
            await ScoreStore.DeleteAsync(tx, leadId, ct);
            return;
        }

        var enrichment = await EnrichmentAsync(tx.TenantId, leadId, ct);
        var now = clock.GetUtcNow();
        var facts = FactExtractor.Extract(lead, enrichment, now, options.Value.HorizonDays);
        var (served, champion, challenger) = await ServeAsync(tx, leadId, facts, ct);

        if (lead.Stage is not ("closed" or "lost"))
        {
            // Shadow scores freeze once the outcome is known, so live AUC only judges scores made before it.
            foreach (var m in new[] { champion, challenger })
            {
                if (m is not null)
                {
                    var p = m.Version == served.ModelVersion ? served.Probability : ScoreCalculator.Predict(m, facts);
                    await ScoreStore.UpsertShadowAsync(tx, leadId, m.Version, p, now, ct);
                }
            }
        }

        var previous = await ScoreStore.ReadAsync(tx.Connection, tx.Transaction, tx.TenantId, leadId, ct);
        await ScoreStore.UpsertAsync(tx, leadId, lead.AssignedTo, Insights.WaitingSince.Of(lead, MaxActivities), served, now, ct);
        if (previous is null || previous.Grade != served.Grade
            || Math.Abs(previous.Probability - served.Probability) >= options.Value.MaterialChange)
        {
            tx.Publish(new LeadScored(Guid.CreateVersion7(), tx.TenantId, now, leadId, served.Probability, served.Grade,
                previous?.Probability, previous?.Grade, served.Method, served.ModelVersion));
        }

        await outcomes.RecordAsync(tx, leadId, lead.Stage, now, ct);
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("method", served.Method));
    }

    private async Task<(ScoreResult Served, LoadedModel? Champion, LoadedModel? Challenger)> ServeAsync(TenantTransaction tx,
        Guid leadId, LeadFacts facts, CancellationToken ct)
    {
        LiveModels live;
        try
        {
            // Loading is read once per version; the time limit is on scoring itself, so a slow query under load
            // does not flip scores between model and rules (and a cancelled command would abort the transaction).
            live = await active.GetAsync(tx, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogFallback(log, tx.TenantId, leadId, e.Message);
            return (calculator.Rules(facts), null, null);
        }

        return Serve(tx.TenantId, leadId, facts, live);
    }

    /// <summary>
    /// The served score given the live models: the champion's (or the challenger's for its A/B share), or the
    /// scorecard when there is no model, a manager switched the models off (kill switch), the tenant's fault switch is
    /// tripped, or the model fails. Bulk scoring serves through here too, so an imported lead gets
    /// exactly the score a captured one would. Under the kill switch no model code runs at all, shadow scores included:
    /// it is pulled when a model misbehaves.
    /// </summary>
    public (ScoreResult Served, LoadedModel? Champion, LoadedModel? Challenger) Serve(Guid tenantId, Guid leadId, LeadFacts facts,
        LiveModels live)
    {
        var (champion, challenger, control) = live;
        if (control.RulesOnly)
        {
            return (calculator.Rules(facts), null, null);
        }

        if (champion is null)
        {
            return (calculator.Rules(facts), null, challenger);
        }

        try
        {
            faults.ThrowIfTripped(tenantId);
            var percent = control.EffectivePercent(options.Value);
            var useChallenger = challenger is not null && percent > 0 && Bucket(leadId) < percent;
            var watch = Stopwatch.StartNew();
            var served = calculator.Model(useChallenger ? challenger! : champion, facts);
            // Scoring is synchronous CPU work: once it has answered, throwing the answer away saves no time and would
            // flip a lead to the scorecard whenever the machine stalls (a GC pause, a busy core). Slowness is reported.
            if (watch.ElapsedMilliseconds > options.Value.SlowModelMs)
            {
                LogSlowModel(log, tenantId, leadId, watch.ElapsedMilliseconds);
            }

            return (served, champion, challenger);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFallback(log, tenantId, leadId, e.Message);
            return (calculator.Rules(facts), null, null);
        }
    }

    /// <summary>The leads among <paramref name="leadIds"/> whose person objected to profiling (none when Privacy is absent).</summary>
    internal async Task<IReadOnlySet<Guid>> ObjectedAsync(TenantTransaction tx, IReadOnlyCollection<Guid> leadIds, CancellationToken ct) =>
        services.GetService<IProcessingObjections>() is { } objections
            ? await objections.ObjectedAsync(tx.Connection, tx.Transaction, tx.TenantId, leadIds, [ProcessingPurposes.Profiling], ct)
            : new HashSet<Guid>();

    private async Task<EnrichmentFacts?> EnrichmentAsync(Guid tenantId, Guid leadId, CancellationToken ct)
    {
        if (services.GetService<IEnrichmentFacts>() is not { } enrichment)
        {
            return null;
        }

        try
        {
            return await enrichment.GetAsync(tenantId, leadId, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogEnrichment(log, leadId, e.Message);
            return null;
        }
    }

    /// <summary>A stable 0–99 bucket of the lead id, for the optional A/B split.</summary>
    internal static int Bucket(Guid leadId)
    {
        Span<byte> b = stackalloc byte[16];
        leadId.TryWriteBytes(b);
        return (int)(BitConverter.ToUInt32(b[12..]) % 100);
    }

    [LoggerMessage(LogLevel.Warning, "Scoring lead {LeadId} of tenant {TenantId} fell back to the scorecard: {Why}")]
    private static partial void LogFallback(ILogger logger, Guid tenantId, Guid leadId, string why);

    [LoggerMessage(LogLevel.Warning, "Scoring lead {LeadId} of tenant {TenantId} with the model took {Milliseconds} ms")]
    private static partial void LogSlowModel(ILogger logger, Guid tenantId, Guid leadId, long milliseconds);

    [LoggerMessage(LogLevel.Warning, "Enrichment facts of lead {LeadId} unavailable: {Why}")]
    private static partial void LogEnrichment(ILogger logger, Guid leadId, string why);
}
