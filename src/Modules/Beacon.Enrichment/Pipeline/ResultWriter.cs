using Beacon.Contracts.Billing;
using Beacon.Enrichment.Data;
using Beacon.Enrichment.Privacy;
using Beacon.Enrichment.Providers;
using Beacon.SharedKernel.Database;
using Microsoft.Extensions.Options;

namespace Beacon.Enrichment.Pipeline;

/// <summary>
/// Writes what a provider answered, in a transaction of the lead's tenant under the lead's lock, only if the step
/// still carries the call's token (a newer dispatch, an objection, a withdrawn consent or a changed input wins).
/// A discarded answer is still counted (the provider was asked, and may bill). Final states publish <c>lead.enriched</c>.
/// </summary>
internal sealed class ResultWriter(Db db, IOptions<EnrichmentOptions> options, TimeProvider clock)
{
    public async Task WriteAsync(CallWork work, ProviderOutcome outcome, CancellationToken ct)
    {
        var o = options.Value.For(work.Provider);
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(work.TenantId, ct);
        tx.Lane = work.Lane;
        var update = new RunUpdate(work.LeadId, work.Provider, RunStates.Pending, now, work.Token)
        {
            InputKey = work.Input.Key,
            Attempts = work.Attempt,
        };

        if (outcome.Kind == OutcomeKind.NotSent)
        {
            await HoldForBreakerAsync(tx, work, update, outcome, ct);
            return;
        }

        var cents = outcome.Billable ? o.CostCents : 0;
        var counts = new Counts(Calls: 1, Cents: cents, Errors: outcome.Kind is OutcomeKind.Retry or OutcomeKind.Failed ? 1 : 0,
            Matches: outcome.Kind == OutcomeKind.Match ? 1 : 0, NoMatches: outcome.Kind == OutcomeKind.NoMatch ? 1 : 0);
        await Runs.LockLeadAsync(tx, work.LeadId, ct);
        var run = await Runs.LockAsync(tx, work.LeadId, work.Provider, ct);
        if (run is null || run.Token != work.Token)
        {
            await Spend.CountAsync(tx, work.Provider, now, counts, options.Value.MonthlyBudgetCents, ct);
            PublishUsage(tx, work, cents, now);
            await tx.CommitAsync(ct);
            return;
        }

        switch (outcome.Kind)
        {
            case OutcomeKind.Match or OutcomeKind.NoMatch:
                var match = outcome.Kind == OutcomeKind.Match;
                await Cache.StoreAsync(tx, work.Provider, work.Input.Key, match, outcome.Fields, now, now + o.CacheTtl, work.LeadId, ct);
                await ApplyAnswerAsync(tx, update with { Detail = outcome.Error }, work.Token, match, outcome.Fields, work.TypedValues, now,
                    now + o.CacheTtl, work.EuSubject, ct);
                break;
            case OutcomeKind.Accepted:
                await ScheduleAsync(tx, update with { PollLocation = outcome.PollLocation, Detail = "accepted (202); polling" },
                    outcome.RetryAfter ?? TimeSpan.FromSeconds(1), ct);
                break;
            case OutcomeKind.Retry when work.Attempt < o.MaxAttempts:
                var delay = Backoff.Delay(work.Attempt, o.RetryBaseDelay, o.RetryMaxDelay, outcome.RetryAfter, Random.Shared);
                await ScheduleAsync(tx, update with { PollLocation = work.PollLocation, Detail = outcome.Error }, delay, ct);
                break;
            default:
                await Fields.ClearAsync(tx, work.LeadId, work.Provider, ct);
                await Runs.SaveDecidedAsync(tx, update with { State = RunStates.Failed, Detail = outcome.Error }, work.Token, ct);
                break;
        }

        await Spend.CountAsync(tx, work.Provider, now, counts, options.Value.MonthlyBudgetCents, ct);
        PublishUsage(tx, work, cents, now);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Billing meters every call sent, with what it cost us, once per call: the key is the call's token and attempt, so
    /// a re-run of this transaction (it commits with the count) can never count a call twice.
    /// </summary>
    private static void PublishUsage(TenantTransaction tx, CallWork work, long cents, DateTimeOffset now) =>
        tx.Publish(new UsageRecorded(Guid.CreateVersion7(now), tx.TenantId, now, UsageMeters.EnrichmentCalls, 1, work.Provider,
            $"enrichment:{work.Token}:{work.Attempt}", cents));

    /// <summary>A final answer (fresh or cached) becomes the provider's fields and the step's final state.</summary>
    public static async Task ApplyAnswerAsync(TenantTransaction tx, RunUpdate update, Guid? decidedFrom, bool match,
        IReadOnlyList<EnrichedField> fields, IReadOnlyDictionary<string, string> typed, DateTimeOffset fetchedAt,
        DateTimeOffset expiresAt, bool euSubject, CancellationToken ct)
    {
        IReadOnlyList<string> names = [];
        if (match)
        {
            names = await Fields.ReplaceAsync(tx, update.LeadId, update.Provider, fields, typed, fetchedAt, expiresAt, update.Now, ct);
            if (euSubject)
            {
                await Notices.ScheduleArt14Async(tx, update.LeadId, update.Now, ct);
            }
        }
        else
        {
            await Fields.ClearAsync(tx, update.LeadId, update.Provider, ct);
        }

        await Runs.SaveDecidedAsync(tx, update with { State = match ? RunStates.Complete : RunStates.NoMatch, FieldNames = names }, decidedFrom, ct);
    }

    /// <summary>
    /// The breaker refused the call before anything was sent: not an attempt, not a call, not an error; the step
    /// waits for the breaker's trial as a step the dispatcher held back does.
    /// </summary>
    private static async Task HoldForBreakerAsync(TenantTransaction tx, CallWork work, RunUpdate update, ProviderOutcome outcome,
        CancellationToken ct)
    {
        await Runs.LockLeadAsync(tx, work.LeadId, ct);
        var run = await Runs.LockAsync(tx, work.LeadId, work.Provider, ct);
        if (run is not null && run.Token == work.Token)
        {
            var wait = (outcome.RetryAfter ?? TimeSpan.Zero) + TimeSpan.FromMilliseconds(Random.Shared.Next(50, 500));
            await ScheduleAsync(tx, update with { Attempts = work.Attempt - 1, PollLocation = work.PollLocation, Detail = outcome.Error },
                wait, ct);
        }

        await tx.CommitAsync(ct);
    }

    private static async Task ScheduleAsync(TenantTransaction tx, RunUpdate update, TimeSpan delay, CancellationToken ct)
    {
        var at = update.Now + delay;
        var next = update with { Token = Guid.CreateVersion7(), NextAt = at };
        await Runs.SaveDecidedAsync(tx, next, update.Token, ct);
        tx.Enqueue(Dispatcher.FetchJob, new FetchPayload(update.LeadId, update.Provider, next.Token), at);
    }
}
