using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.Contracts.Events;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.SharedKernel.Auditing;

/// <summary>
/// At commit, in the same transaction: one audit entry per integration event a mutating request's transaction
/// publishes (the event is the change's description — lead.updated and lead.merged carry each field's before and
/// after), attributed to the request's <see cref="AuditScope"/>. Transactions outside a request (jobs) record nothing.
/// </summary>
public sealed class TransactionAudit(IEnumerable<IAuditTrail> trails)
{
    /// <summary>Progress notices describe no change of data.</summary>
    private static readonly HashSet<string> NotChanges = ["lead.import_progress"];

    private readonly IAuditTrail? _trail = trails.FirstOrDefault();

    internal async Task RecordAsync(TenantTransaction tx, IReadOnlyList<IntegrationEvent> events, CancellationToken ct)
    {
        if (_trail is null || AuditScope.Current is not { } scope)
        {
            return;
        }

        // An anonymous caller's tenant is learnt from the transaction (a sign-in's entry is written after it).
        scope.TenantId ??= tx.TenantId;

        var records = new List<AuditRecord>(events.Count);
        foreach (var evt in events)
        {
            var name = EventNames.Of(evt.GetType());
            if (NotChanges.Contains(name))
            {
                continue;
            }

            var payload = JsonSerializer.SerializeToNode(evt, evt.GetType(), MessageJson.Options)!.AsObject();
            var (subjectType, subjectId) = SubjectOf(payload, scope);
            var entry = new JsonObject { ["event"] = payload };
            if (scope.RequestValues is { } request)
            {
                entry["request"] = request.DeepClone();
            }

            records.Add(new AuditRecord(Guid.CreateVersion7(), evt.OccurredAt, scope.ActorKind, scope.ActorId, name,
                subjectType, subjectId, scope.RequestId, scope.ClientAddress, entry.ToJsonString()));
        }

        if (records.Count == 0)
        {
            return;
        }

        await _trail.AppendAsync(tx.Connection, tx.Transaction, records, ct);
        scope.Recorded = true;
    }

    private static (string? Type, string? Id) SubjectOf(JsonObject payload, AuditScope scope)
    {
        foreach (var (property, type) in new[] { ("leadId", "lead"), ("importId", "import"), ("userId", "user"), ("version", "model") })
        {
            if (payload[property] is { } value)
            {
                return (type, value.ToString());
            }
        }

        return (scope.SubjectType, scope.SubjectId);
    }
}
