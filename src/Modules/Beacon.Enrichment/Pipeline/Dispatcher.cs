using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.Enrichment.Data;
using Beacon.Enrichment.Privacy;
using Beacon.Enrichment.Providers;
using Beacon.SharedKernel.Database;
using Microsoft.Extensions.Options;

namespace Beacon.Enrichment.Pipeline;

/// <summary>
/// Decides, inside a tenant transaction, what one provider step of a lead does now: nothing (no change), skip
/// (objection, no consent, no input), answer from the cache, wait for the breaker, stop at the budget, or call.
/// A call is handed to the <see cref="Runner"/> (outside any transaction) with a fresh token once the decision has
/// committed, and a backstop job is queued for when its lease ends, so a node that dies mid-call loses nothing.
/// Every decision is taken under the lead's lock (<see cref="Runs.LockLeadAsync"/>) from what is committed when it
/// is granted, and written only over the version of the step it was decided from.
/// </summary>
internal sealed class Dispatcher(
    IOptions<EnrichmentOptions> options,
    ILeadSnapshots snapshots,
    ProviderClients clients,
    ProviderGuards guards,
    Runner runner,
    TenantRateLimits rates,
    TimeProvider clock,
    IProcessingObjections? objections = null) : IDisposable
{
    public const string FetchJob = "enrichment.fetch";
    public const string RecoverJob = "enrichment.recover";

    private readonly HashSet<(Guid, Guid)> _recoveryQueued = [];
    private readonly List<CallWork> _notStarted = [];

    public bool AnyEnabled => ProviderNames.All.Any(p => options.Value.For(p).Enabled);

    /// <param name="expectedToken">Set by the fetch job: act only if the step still carries this token.</param>
    /// <param name="force">Run even if the input did not change (new consent).</param>
    /// <param name="lead">The lead when the caller already read it (one read for all providers of an event).</param>
    public async Task DispatchAsync(TenantTransaction tx, Guid leadId, string provider, Guid? expectedToken, bool force,
        CancellationToken ct, LeadSnapshot? lead = null)
    {
        var o = options.Value.For(provider);
        if (!o.Enabled)
        {
            return;
        }

        await Runs.LockLeadAsync(tx, leadId, ct);
        var run = await Runs.LockAsync(tx, leadId, provider, ct);
        if (expectedToken is { } token && (run is null || run.Token != token || run.Terminal))
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (expectedToken is not null && run is { InFlight: true, LeaseUntil: { } lease } && lease > now)
        {
            QueueRecovery(tx, leadId, lease);
            return;
        }

        var update = new RunUpdate(leadId, provider, RunStates.Pending, now, Guid.CreateVersion7());
        if (await Consents.ObjectedAsync(tx, leadId, ct) || await ObjectedElsewhereAsync(tx, leadId, ct))
        {
            await FinishAsync(tx, update with { State = RunStates.SkippedNoConsent, Detail = "the person objected to enrichment" }, run, ct);
            return;
        }

        lead ??= await snapshots.GetAsync(tx.TenantId, leadId, 0, ct);
        if (lead is null)
        {
            return;
        }

        var consent = provider == ProviderNames.Credit ? await Consents.CreditAsync(tx, leadId, ct) : null;
        if (provider == ProviderNames.Credit && consent is not { Agreed: true })
        {
            await FinishAsync(tx, update with { State = RunStates.SkippedNoConsent, Detail = "no FCRA consent recorded" }, run, ct);
            return;
        }

        var input = clients.Get(provider).InputFor(lead, consent);
        if (input is null)
        {
            await FinishAsync(tx, update with { State = RunStates.NoMatch, Detail = "the lead lacks the input this provider needs" }, run, ct);
            return;
        }

        // The same question already answered, or still being asked (a repeated consent does not ask twice).
        if (expectedToken is null && run is not null && run.InputKey == input.Key && (!force || !run.Terminal))
        {
            return;
        }

        update = update with { InputKey = input.Key };
        var typed = TypedValues(lead);
        var eu = EuSubject.Is(lead);
        var cached = await Cache.FindAsync(tx, provider, input.Key, now, ct);
        if (cached is not null)
        {
            await ResultWriter.ApplyAnswerAsync(tx, update, run?.Token, cached.Match, cached.Fields, typed, cached.FetchedAt, cached.ExpiresAt, eu, ct);
            await Spend.CountAsync(tx, provider, now, new Counts(CacheHits: 1), options.Value.MonthlyBudgetCents, ct);
            return;
        }

        var sameQuestion = run is not null && run.InputKey == input.Key && !run.Terminal;
        var attempt = (sameQuestion ? run!.Attempts : 0) + 1;
        var poll = sameQuestion ? run!.PollLocation : null;
        // An open breaker holds the step until its trial; half-open, the call goes to the runner, where Polly lets
        // one trial through and hands the others back as not sent (ResultWriter reschedules them, uncounted).
        var breaker = guards.For(provider);
        if (breaker.State == BreakerState.Open)
        {
            var at = breaker.OpenUntil + TimeSpan.FromMilliseconds(Random.Shared.Next(50, 500));
            await Runs.SaveDecidedAsync(tx, update with { Detail = "circuit open; waiting", Attempts = attempt - 1, PollLocation = poll, NextAt = at }, run?.Token, ct);
            tx.Enqueue(FetchJob, new FetchPayload(leadId, provider, update.Token), at);
            return;
        }

        if (!rates.TryAcquire(tx.TenantId, provider))
        {
            var at = now + TimeSpan.FromMilliseconds(Random.Shared.Next(1000, 1500));
            await Runs.SaveDecidedAsync(tx, update with { Detail = "tenant call rate reached; waiting", Attempts = attempt - 1, PollLocation = poll, NextAt = at }, run?.Token, ct);
            tx.Enqueue(FetchJob, new FetchPayload(leadId, provider, update.Token), at);
            return;
        }

        if (poll is null && !await Spend.HasRoomAsync(tx, options.Value.MonthlyBudgetCents, o.CostCents, now, ct))
        {
            await FinishAsync(tx, update with { State = RunStates.BudgetExhausted, Detail = "the monthly enrichment budget is spent" }, run, ct);
            return;
        }

        var leaseUntil = now + options.Value.Lease;
        await Runs.SaveDecidedAsync(tx, update with { InFlight = true, Attempts = attempt, LeaseUntil = leaseUntil, PollLocation = poll }, run?.Token, ct);
        QueueRecovery(tx, leadId, leaseUntil);
        var work = new CallWork(tx.TenantId, leadId, provider, update.Token, attempt, input, poll, typed, eu, tx.Lane);
        _notStarted.Add(work);
        tx.AfterCommit(() =>
        {
            _notStarted.Remove(work);
            runner.Start(work);
        });
    }

    /// <summary>Calls whose decision never committed are not made.</summary>
    public void Dispose() => _notStarted.Clear();

    /// <summary>
    /// One backstop job per lead and transaction (not per call): when the lease ends it re-dispatches any step whose
    /// call never reported back (its node died).
    /// </summary>
    private void QueueRecovery(TenantTransaction tx, Guid leadId, DateTimeOffset at)
    {
        if (_recoveryQueued.Add((tx.TenantId, leadId)))
        {
            tx.Enqueue(RecoverJob, new RecoverPayload(leadId), at.AddSeconds(1));
        }
    }

    /// <summary>An objection recorded by the Privacy module (to profiling or to enrichment) that this module has not handled yet.</summary>
    private async Task<bool> ObjectedElsewhereAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        objections is not null && (await objections.ObjectedAsync(tx.Connection, tx.Transaction, tx.TenantId, [leadId],
            [ProcessingPurposes.Profiling, ProcessingPurposes.Enrichment], ct)).Count > 0;

    /// <summary>Re-dispatches the lead's steps whose call is still outstanding after its lease.</summary>
    public async Task RecoverAsync(TenantTransaction tx, Guid leadId, CancellationToken ct)
    {
        await Runs.LockLeadAsync(tx, leadId, ct);
        var now = clock.GetUtcNow();
        foreach (var provider in ProviderNames.All)
        {
            var run = await Runs.LockAsync(tx, leadId, provider, ct);
            if (run is { State: RunStates.Pending, InFlight: true, LeaseUntil: { } lease })
            {
                if (lease <= now)
                {
                    await DispatchAsync(tx, leadId, provider, run.Token, false, ct);
                }
                else
                {
                    QueueRecovery(tx, leadId, lease);
                }
            }
        }
    }

    private static async Task FinishAsync(TenantTransaction tx, RunUpdate update, RunRow? run, CancellationToken ct)
    {
        if (run is not null && run.State == update.State && run.Detail == update.Detail)
        {
            return;
        }

        await Fields.ClearAsync(tx, update.LeadId, update.Provider, ct);
        await Runs.SaveDecidedAsync(tx, update, run?.Token, ct);
    }

    private static Dictionary<string, string> TypedValues(LeadSnapshot lead)
    {
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(lead.FirstName))
        {
            typed["person.firstName"] = lead.FirstName;
        }

        if (!string.IsNullOrWhiteSpace(lead.LastName))
        {
            typed["person.lastName"] = lead.LastName;
        }

        if (!string.IsNullOrWhiteSpace(lead.FirstName) && !string.IsNullOrWhiteSpace(lead.LastName))
        {
            typed["person.fullName"] = $"{lead.FirstName.Trim()} {lead.LastName.Trim()}";
        }

        return typed;
    }
}
