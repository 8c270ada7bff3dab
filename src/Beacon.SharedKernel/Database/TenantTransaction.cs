using Beacon.Contracts.Events;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Messaging;
using Npgsql;

namespace Beacon.SharedKernel.Database;

/// <summary>
/// A unit of work for one tenant. <see cref="Publish"/> and <see cref="Enqueue"/> buffer messages that
/// <see cref="CommitAsync"/> writes in the same transaction as the change, so no event is lost or invented.
/// </summary>
public sealed class TenantTransaction : IAsyncDisposable
{
    private readonly OutboxWriter _outbox;
    private readonly JobSignal _signal;
    private readonly TransactionAudit _audit;
    private readonly List<IntegrationEvent> _events = [];
    private readonly List<JobRequest> _jobs = [];
    private readonly List<Action> _afterCommit = [];
    private bool _completed;

    internal TenantTransaction(Guid tenantId, NpgsqlConnection connection, NpgsqlTransaction transaction,
        OutboxWriter outbox, JobSignal signal, TransactionAudit audit)
    {
        _audit = audit;
        TenantId = tenantId;
        Connection = connection;
        Transaction = transaction;
        _outbox = outbox;
        _signal = signal;
    }

    public Guid TenantId { get; }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    /// <summary>
    /// Bulk when this transaction does bulk work (a bulk job, or what such a job started): every job it enqueues or
    /// its events fan out to then goes to the bulk lane too, so a batch's follow-up work cannot crowd interactive work.
    /// </summary>
    public JobLane Lane { get; set; } = JobLane.Interactive;

    public void Publish(IntegrationEvent integrationEvent)
    {
        if (integrationEvent.TenantId != TenantId)
        {
            throw new InvalidOperationException("An event must belong to the tenant of its transaction.");
        }

        _events.Add(integrationEvent);
    }

    /// <summary>Schedules a job for a registered handler, delivered once this transaction commits; returns its message id.</summary>
    public Guid Enqueue(string handler, object payload, DateTimeOffset? runAt = null)
    {
        var messageId = Guid.CreateVersion7();
        _jobs.Add(new JobRequest(handler, messageId, payload, runAt));
        return messageId;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once this transaction has committed, never if it rolls back: for work outside
    /// the database (an HTTP call) that must follow only a decision that was actually recorded.
    /// </summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    public async Task CommitAsync(CancellationToken ct)
    {
        // The audit entries of a request's change commit with it (ADR 0015).
        await _audit.RecordAsync(this, _events, ct);
        var wrote = await _outbox.WriteAsync(this, _events, _jobs, ct);
        await Transaction.CommitAsync(ct);
        _completed = true;
        if (wrote.Any)
        {
            _signal.Raise(wrote.Interactive, wrote.Bulk);
        }

        foreach (var action in _afterCommit)
        {
            action();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try
            {
                await Transaction.RollbackAsync();
            }
            catch (NpgsqlException)
            {
                // The connection is broken; disposing it below discards the transaction anyway.
            }
        }

        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

internal sealed record JobRequest(string Handler, Guid MessageId, object Payload, DateTimeOffset? RunAt);
