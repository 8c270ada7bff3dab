using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Billing.Rating;

/// <summary>The queued rating of one tenant's month (<c>yyyy-MM</c>).</summary>
internal sealed record RateMonthPayload(string Month);

/// <summary>Runs <see cref="MonthRater"/> in the job's own transaction, so the rating, its event and the job's completion commit together.</summary>
internal sealed class RateMonthJob(MonthRater rater) : IJobHandler<RateMonthPayload>
{
    public const string Name = "billing.rate-month";

    public async Task HandleAsync(RateMonthPayload payload, JobInfo job, TenantTransaction transaction, CancellationToken ct)
    {
        var month = BillingMonth.TryParse(payload.Month) ?? throw new FormatException($"Bad month '{payload.Month}'.");
        await rater.RateAsync(transaction, month, ct);
    }
}
