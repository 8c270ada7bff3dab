using Beacon.Scoring.Monitoring;
using Beacon.Scoring.Registry;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Scoring.Training;

internal sealed record EvaluateChallengerPayload(Guid TenantId);

/// <summary>Promotes the challenger automatically when the pre-registered rule says it beats the champion; checks drift.</summary>
internal sealed class EvaluateChallengerJob(ChallengerEvaluation evaluation, Promotions promotions, DriftMonitor drift) : IJobHandler<EvaluateChallengerPayload>
{
    public const string Name = "scoring.evaluate-challenger";

    public async Task HandleAsync(EvaluateChallengerPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        if (await evaluation.EvaluateAsync(tx, ct) is { Beats: true } evidence)
        {
            await promotions.PromoteAsync(tx, evidence.Challenger, null, $"Automatic: {evidence.Summary}", evidence, ct);
        }

        if (await Registry.ModelStore.VersionWithStatusAsync(tx, "champion", ct) is { } champion)
        {
            await drift.CheckAsync(tx, champion, ct);
        }
    }
}
