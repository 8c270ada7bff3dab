using System.Text.Json;
using Beacon.Contracts.Events;
using Beacon.SharedKernel.Database;

namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// Handles one integration event inside a transaction of the event's tenant. Whatever the handler writes, the
/// record that it ran (the inbox) and the removal of its job commit together: a redelivered event is skipped.
/// </summary>
public interface IEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, TenantTransaction transaction, CancellationToken ct);
}

/// <summary>Runs one queued job with the same transactional guarantees as an event handler.</summary>
public interface IJobHandler<in TPayload>
{
    Task HandleAsync(TPayload payload, JobInfo job, TenantTransaction transaction, CancellationToken ct);
}

public sealed record JobInfo(long Id, Guid MessageId, string Handler, int Attempt, DateTimeOffset EnqueuedAt,
    JobLane Lane = JobLane.Interactive);

/// <summary>What the worker knows of one handler: its name, its lane and how to call it with a JSON payload.</summary>
internal sealed record HandlerRegistration(
    string Name,
    string? EventName,
    Type HandlerType,
    JobLane Lane,
    Func<IServiceProvider, JsonElement, JobInfo, TenantTransaction, CancellationToken, Task> Invoke);
