using System.Diagnostics;
using System.Diagnostics.Metrics;
using Beacon.SharedKernel.Messaging;

namespace Beacon.SharedKernel.Telemetry;

/// <summary>
/// What an operator watches of the job queue: jobs finished per lane, handler and outcome, and how long they ran.
/// Tags are code names only (lane, handler, outcome), never a tenant or a message id: bounded and tenant-free.
/// </summary>
internal sealed class JobMetrics
{
    public const string MeterName = "Beacon.Jobs";

    private readonly Counter<long> _processed;
    private readonly Histogram<double> _duration;

    public JobMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _processed = meter.CreateCounter<long>("beacon.jobs.processed", "{job}",
            "Jobs that ran, by lane, handler and outcome (completed, retried, dead_lettered, lost_claim, handed_back).");
        _duration = meter.CreateHistogram<double>("beacon.jobs.duration", "s", "How long a job ran, claim to outcome.");
    }

    public void Record(ClaimedJob job, string outcome, long startedTimestamp)
    {
        var tags = new TagList
        {
            { "lane", JobLanes.Name(job.Lane) },
            { "handler", job.Handler },
            { "outcome", outcome },
        };
        _processed.Add(1, tags);
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }
}
