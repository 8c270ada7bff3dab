using System.Text.Json.Nodes;
using Beacon.Assistant.Engine.Drafts;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;

namespace Beacon.Assistant.Threads;

/// <summary>
/// The drafter's audit entries, written with the answer that carries the draft: actor kind <c>assistant</c> on behalf
/// of the person, subject the lead, action <c>AssistantDraftMessage</c> with what was drafted (channel, subject, body)
/// or why not. A compliance officer can then see that a refused lead was refused, and what a person was handed to send.
/// </summary>
internal sealed class DraftAudit(IEnumerable<IAuditTrail> trails)
{
    public const string Action = "AssistantDraftMessage";

    private readonly IAuditTrail? _trail = trails.FirstOrDefault();

    public Task AppendAsync(TenantTransaction tx, Guid userId, DraftOutcome drafting, Guid messageId, DateTimeOffset now, CancellationToken ct)
    {
        if (_trail is null)
        {
            return Task.CompletedTask;
        }

        var after = new JsonObject
        {
            ["channel"] = drafting.Channel,
            ["outcome"] = drafting.Draft is null ? "refused" : "drafted",
            ["messageId"] = messageId.ToString(),
        };
        if (drafting.Draft is { } draft)
        {
            after["subject"] = draft.Subject;
            after["body"] = draft.Body;
            after["notes"] = new JsonArray([.. draft.Notes.Select(n => (JsonNode)JsonValue.Create(n))]);
        }
        else
        {
            after["reason"] = drafting.Refusal;
        }

        var payload = new JsonObject { ["after"] = after, ["onBehalfOf"] = userId.ToString() };
        return _trail.AppendAsync(tx.Connection, tx.Transaction, [new AuditRecord(Guid.CreateVersion7(now), now, AuditActorKinds.Assistant,
            userId, Action, "lead", drafting.LeadId.ToString(), null, null, payload.ToJsonString())], ct);
    }
}
