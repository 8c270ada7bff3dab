using Beacon.Contracts.Billing;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.Logging;

namespace Beacon.Billing.Usage;

/// <summary>
/// Turns other modules' events into usage. Each key names the occurrence, not the event, so a re-published event
/// (a new event id for the same lead or import) still counts once: a lead is captured once, an import is billed once,
/// a lead scored many times in a month is one scored lead.
/// </summary>
internal sealed partial class UsageHandlers(ILogger<UsageHandlers> log)
    : IEventHandler<LeadCreated>, IEventHandler<LeadImported>, IEventHandler<LeadScored>, IEventHandler<UsageRecorded>
{
    public Task HandleAsync(LeadCreated e, TenantTransaction tx, CancellationToken ct) =>
        RecordAsync(tx, new UsageEntry(UsageMeters.LeadsCaptured, $"lead:{e.LeadId}", 1, e.OccurredAt, e.Source), ct);

    /// <summary>Only a completed import counts (its new leads); the demo seed and an undo bill nothing.</summary>
    public Task HandleAsync(LeadImported e, TenantTransaction tx, CancellationToken ct) =>
        e.Status == "completed" && e.Created > 0
            ? RecordAsync(tx, new UsageEntry(UsageMeters.LeadsImported, $"import:{e.ImportId}", e.Created, e.OccurredAt), ct)
            : Task.CompletedTask;

    public Task HandleAsync(LeadScored e, TenantTransaction tx, CancellationToken ct) =>
        RecordAsync(tx, new UsageEntry(UsageMeters.LeadsScored, $"lead:{e.LeadId}", 1, e.OccurredAt, e.Method), ct);

    public Task HandleAsync(UsageRecorded e, TenantTransaction tx, CancellationToken ct) =>
        RecordAsync(tx, new UsageEntry(e.Meter, e.IdempotencyKey, e.Quantity, e.OccurredAt, e.Dimension ?? "", e.CostCents), ct);

    private async Task RecordAsync(TenantTransaction tx, UsageEntry entry, CancellationToken ct)
    {
        // A refused entry is logged and dropped, not retried: retrying cannot make a negative quantity valid.
        if (entry.Problem() is { } problem)
        {
            LogRefused(log, entry.Meter, entry.IdempotencyKey, problem);
            return;
        }

        await UsageStore.RecordAsync(tx, entry, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage refused ({Meter}, key {Key}): {Problem}")]
    private static partial void LogRefused(ILogger logger, string meter, string key, string problem);
}
