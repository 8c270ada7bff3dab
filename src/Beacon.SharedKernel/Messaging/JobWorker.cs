using System.Diagnostics;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// Runs queued jobs: several loops claim batches with SKIP LOCKED, each job runs in its tenant's transaction,
/// failures retry with backoff and jitter and finally go to the dead-letter table with their last error.
/// On shutdown no new job starts, claimed-but-unstarted jobs are handed back, and jobs in flight get
/// <see cref="JobOptions.ShutdownGrace"/> to finish; after it they are cancelled (their transaction rolls back) and
/// handed back too, without counting the attempt: a long import chunk or a retrain never holds a node's exit.
/// </summary>
internal sealed partial class JobWorker(
    IServiceScopeFactory scopes,
    Db db,
    JobStore store,
    HandlerRegistry registry,
    JobSignal signal,
    IOptions<JobOptions> options,
    JobMetrics metrics,
    ILogger<JobWorker> logger) : BackgroundService
{
    private readonly JobOptions _options = options.Value;
    private readonly CancellationTokenSource _abandon = new();
    private CancellationTokenRegistration _graceOnStop;

    public override void Dispose()
    {
        // Unregister before disposing _abandon: a stop that comes after disposal (seen when a test host is torn down)
        // would otherwise run the callback on a disposed source and fail the host's StopAsync.
        _graceOnStop.Dispose();
        base.Dispose();
        _abandon.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _graceOnStop = stoppingToken.Register(() => _abandon.CancelAfter(_options.ShutdownGrace));
        return _options.Enabled
            ? Task.WhenAll(Enumerable.Range(0, _options.Concurrency).Select(_ => LoopAsync(JobLane.Interactive, _options.BatchSize, stoppingToken))
                .Concat(Enumerable.Range(0, _options.BulkConcurrency).Select(_ => LoopAsync(JobLane.Bulk, 1, stoppingToken))))
            : Task.CompletedTask;
    }

    private async Task LoopAsync(JobLane lane, int batchSize, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Work(lane).Next;
            IReadOnlyList<ClaimedJob> jobs;
            try
            {
                jobs = await store.ClaimAsync(lane, batchSize, _options.VisibilityTimeout, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogClaimFailed(e);
                jobs = [];
            }

            if (jobs.Count == 0)
            {
                await Task.WhenAny(wake, Task.Delay(await IdleNapAsync(lane, stoppingToken), stoppingToken));
                continue;
            }

            for (var i = 0; i < jobs.Count; i++)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    await store.ReleaseAsync(jobs.Skip(i), CancellationToken.None);
                    return;
                }

                await RunAsync(jobs[i]);
            }
        }
    }

    /// <summary>
    /// A poll interval, or less when a scheduled job comes due sooner: a job's due moment sends no notification, so
    /// without this a step due at 10:00:00.2 would wait for the next poll (up to a whole interval late).
    /// </summary>
    private async Task<TimeSpan> IdleNapAsync(JobLane lane, CancellationToken stoppingToken)
    {
        if (!_options.WakeAtNextDue)
        {
            return _options.PollInterval;
        }

        try
        {
            return await store.NextDueInAsync(lane, stoppingToken) is { } due && due < _options.PollInterval
                ? due + TimeSpan.FromMilliseconds(1) // past it, not just before: run_at <= now() must hold when we claim
                : _options.PollInterval;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return TimeSpan.Zero; // stopping: the loop ends
        }
        catch (Exception e)
        {
            LogClaimFailed(e);
            return _options.PollInterval;
        }
    }

    private async Task RunAsync(ClaimedJob job)
    {
        var started = Stopwatch.GetTimestamp();
        // The visibility budget bounds the work, and so does the end of the shutdown grace.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abandon.Token);
        timeout.CancelAfter(_options.VisibilityTimeout * 0.8);
        var ct = timeout.Token;
        try
        {
            if (!registry.TryGet(job.Handler, out var registration))
            {
                throw new InvalidOperationException($"No handler named '{job.Handler}' is registered in this process.");
            }

            await using var scope = scopes.CreateAsyncScope();
            await using var tx = await db.BeginAsync(job.TenantId, ct);
            tx.Lane = job.Lane;
            if (_options.AsynchronousCommit)
            {
                await using var relaxed = new Npgsql.NpgsqlCommand("SET LOCAL synchronous_commit = off", tx.Connection, tx.Transaction);
                await relaxed.ExecuteNonQueryAsync(ct);
            }

            if (await JobStore.TryMarkProcessedAsync(tx, job, ct))
            {
                var info = new JobInfo(job.Id, job.MessageId, job.Handler, job.Attempts, job.CreatedAt, job.Lane);
                await registration.Invoke(scope.ServiceProvider, job.Payload, info, tx, ct);
            }
            else
            {
                LogDuplicate(job.Handler, job.MessageId);
            }

            if (!await JobStore.CompleteAsync(tx, job, ct))
            {
                LogLostClaim(job.Id, job.Handler);
                metrics.Record(job, "lost_claim", started);
                return;
            }

            await tx.CommitAsync(ct);
            metrics.Record(job, "completed", started);
        }
        catch (Exception) when (_abandon.IsCancellationRequested)
        {
            // Cut off at shutdown, not failed: whatever it did rolled back, and the job runs again elsewhere or later.
            LogAbandoned(job.Handler, job.Id);
            metrics.Record(job, "handed_back", started);
            await HandBackAsync(job);
        }
        catch (Exception e)
        {
            await FailAsync(job, e, started);
        }
    }

    private async Task HandBackAsync(ClaimedJob job)
    {
        try
        {
            await store.ReleaseAsync([job], CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFailureNotRecorded(e, job.Id);
        }
    }

    private async Task FailAsync(ClaimedJob job, Exception error, long started)
    {
        metrics.Record(job, job.Attempts >= _options.MaxAttempts ? "dead_lettered" : "retried", started);
        var message = $"{error.GetType().Name}: {error.Message}";
        if (job.Attempts >= _options.MaxAttempts)
        {
            LogDeadLettered(error, job.Handler, job.Id, job.Attempts);
            await RecordFailureAsync(job, ct => store.DeadLetterAsync(job, message, ct));
        }
        else
        {
            var delay = RetryBackoff.Delay(job.Attempts, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared);
            LogRetrying(error, job.Handler, job.Id, job.Attempts, delay);
            await RecordFailureAsync(job, ct => store.RetryLaterAsync(job, delay, message, ct));
        }
    }

    /// <summary>
    /// Records a failure, trying again while the database is away: a job that failed because PostgreSQL restarted
    /// would otherwise stay claimed, untouched, for the rest of its visibility timeout (5 minutes) after the database
    /// is back — found by <c>./beacon bench faults --scenario postgres</c>. It gives up when the claim would have
    /// expired anyway, or when the node's shutdown grace ends; then the claim's expiry brings the job back.
    /// </summary>
    private async Task RecordFailureAsync(ClaimedJob job, Func<CancellationToken, Task> record)
    {
        var failedAt = Stopwatch.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await record(_abandon.Token);
                return;
            }
            catch (Exception e) when (Stopwatch.GetElapsedTime(failedAt) + pause < _options.VisibilityTimeout && !_abandon.IsCancellationRequested)
            {
                LogFailureRecordRetry(e, job.Id, pause);
            }
            catch (Exception e)
            {
                LogFailureNotRecorded(e, job.Id);
                return;
            }

            try
            {
                await Task.Delay(pause, _abandon.Token);
            }
            catch (OperationCanceledException e)
            {
                LogFailureNotRecorded(e, job.Id); // the node is stopping
                return;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    [LoggerMessage(LogLevel.Error, "Claiming jobs failed")]
    private partial void LogClaimFailed(Exception e);

    [LoggerMessage(LogLevel.Information, "Handler {Handler} already processed message {MessageId}; skipped")]
    private partial void LogDuplicate(string handler, Guid messageId);

    [LoggerMessage(LogLevel.Warning, "Job {JobId} ({Handler}) outlived its claim; its work was rolled back")]
    private partial void LogLostClaim(long jobId, string handler);

    [LoggerMessage(LogLevel.Error, "Handler {Handler} failed job {JobId} for the last time (attempt {Attempt}); dead-lettered")]
    private partial void LogDeadLettered(Exception e, string handler, long jobId, int attempt);

    [LoggerMessage(LogLevel.Warning, "Handler {Handler} failed job {JobId} (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogRetrying(Exception e, string handler, long jobId, int attempt, TimeSpan delay);

    [LoggerMessage(LogLevel.Information, "Job {JobId} ({Handler}) was still running when the shutdown grace ended; cancelled and handed back")]
    private partial void LogAbandoned(string handler, long jobId);

    [LoggerMessage(LogLevel.Warning, "Could not record the failure of job {JobId}; trying again in {Pause}")]
    private partial void LogFailureRecordRetry(Exception e, long jobId, TimeSpan pause);

    [LoggerMessage(LogLevel.Error, "Could not record the failure of job {JobId}; it returns when its claim expires")]
    private partial void LogFailureNotRecorded(Exception e, long jobId);
}
