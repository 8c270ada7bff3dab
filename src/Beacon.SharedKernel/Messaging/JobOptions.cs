using System.ComponentModel.DataAnnotations;

namespace Beacon.SharedKernel.Messaging;

public sealed class JobOptions
{
    public const string Section = "Beacon:Jobs";

    /// <summary>Off for nodes in the <c>web</c> role and for tests that drive handlers themselves.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// Loops per node for the bulk lane (an import's chunks), besides the <see cref="Concurrency"/> loops of the
    /// interactive lane; 0 pauses bulk work on this node. Each claims one job at a time: a chunk is already a batch.
    /// </summary>
    [Range(0, 64)]
    public int BulkConcurrency { get; set; } = 2;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>A claimed job is invisible to other workers this long; a worker that dies releases it by expiry.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Job transactions (claim, handler, completion) commit without waiting for the WAL flush. A crash can lose the
    /// last few milliseconds of them, and then the job simply runs again (the inbox keeps its effects single). Measured
    /// p99 enqueue-to-start: 742 ms → 87 ms under load (docs/benchmarks.md). Acknowledged user writes never take this path.
    /// </summary>
    public bool AsynchronousCommit { get; set; } = true;

    /// <summary>
    /// How long jobs in flight may finish once the node stops; then they are cancelled and handed back. Below the
    /// host's shutdown timeout (30 s), so a stopping node releases its claims instead of being cut off holding them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:25")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The safety net when a notification is lost.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An idle worker asks when the lane's next scheduled job comes due and wakes then, not at the next poll: a job's
    /// due moment sends no notification. Measured with <c>./beacon bench workflows</c> (docs/benchmarks.md); off, a
    /// scheduled job starts up to <see cref="PollInterval"/> late.
    /// </summary>
    public bool WakeAtNextDue { get; set; } = true;
}
