using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.Training;

/// <summary>A retrain request; scheduled ones re-enqueue themselves one interval later (the per-tenant schedule).</summary>
internal sealed record RetrainPayload(Guid? ActorId, string Reason, int? MinAgeDays, bool Scheduled);

internal sealed class RetrainJob(Trainer trainer, IOptions<ScoringOptions> options, TimeProvider clock) : IJobHandler<RetrainPayload>
{
    public const string Name = "scoring.retrain";

    public async Task HandleAsync(RetrainPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        await trainer.TrainAsync(tx, payload.ActorId, payload.Reason, payload.MinAgeDays, ct);
        if (payload.Scheduled)
        {
            tx.Enqueue(Name, payload, clock.GetUtcNow() + options.Value.RetrainInterval);
        }

        tx.Enqueue(EvaluateChallengerJob.Name, new EvaluateChallengerPayload(tx.TenantId));
    }
}
