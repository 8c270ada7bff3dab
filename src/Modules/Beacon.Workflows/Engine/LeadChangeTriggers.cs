using System.Text.Json;
using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.Workflows.Definitions;
using Beacon.Workflows.Members;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Enrolls leads in the active workflows whose trigger a change of the lead matches: its grade (<c>lead.scored</c>
/// with another grade than before; a first grade counts as a change from none), its stage (<c>lead.updated</c>), a
/// tag added by an edit or a capture merged into it (<c>lead.updated</c>, <c>lead.merged</c>), an assignment
/// (<c>lead.assigned</c>) or an enrichment provider that found data (<c>lead.enriched</c> in state <c>complete</c>).
/// </summary>
internal sealed class LeadChangeTriggers(TriggerEnrollment enrollment, TimeProvider clock)
    : IEventHandler<LeadScored>, IEventHandler<LeadUpdated>, IEventHandler<LeadMerged>, IEventHandler<LeadAssigned>,
        IEventHandler<LeadEnriched>
{
    /// <summary>The state of <c>lead.enriched</c> when a provider matched the lead and wrote fields.</summary>
    public const string EnrichmentComplete = "complete";

    public Task HandleAsync(LeadScored e, TenantTransaction tx, CancellationToken ct) =>
        e.PreviousGrade == e.Grade
            ? Task.CompletedTask
            : EnrollAsync(tx, e.LeadId, t => t.Type == TriggerRules.GradeChanged && (t.Grade is null || t.Grade == e.Grade),
                $"grade changed from {e.PreviousGrade ?? "none"} to {e.Grade}", ct);

    public async Task HandleAsync(LeadUpdated e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.Changes.FirstOrDefault(c => c.Field == "stage") is { } stage && Text(stage.Current) is { } to)
        {
            await EnrollAsync(tx, e.LeadId, t => t.Type == TriggerRules.StageChanged && (t.Stage is null || t.Stage == to),
                $"stage changed from {Text(stage.Previous) ?? "none"} to {to}", ct);
        }

        await TagsAddedAsync(tx, e.LeadId, e.Changes, "by an edit", ct);
    }

    public Task HandleAsync(LeadMerged e, TenantTransaction tx, CancellationToken ct) =>
        TagsAddedAsync(tx, e.LeadId, e.Changes, $"by a capture ({e.Source})", ct);

    public async Task HandleAsync(LeadAssigned e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.AgentId is not { } agent)
        {
            return; // unassigned: nobody to follow up for
        }

        var name = (await MemberStore.FindAsync(tx.Connection, tx.TenantId, agent, ct))?.DisplayName ?? "an agent";
        await EnrollAsync(tx, e.LeadId, t => t.Type == TriggerRules.LeadAssigned && (t.AgentId is null || t.AgentId == agent),
            $"assigned to {name}", ct);
    }

    public Task HandleAsync(LeadEnriched e, TenantTransaction tx, CancellationToken ct) =>
        e.State != EnrichmentComplete
            ? Task.CompletedTask
            : EnrollAsync(tx, e.LeadId, t => t.Type == TriggerRules.EnrichmentCompleted,
                $"enrichment completed ({e.Provider}: {e.Fields.Count} field{(e.Fields.Count == 1 ? "" : "s")})", ct);

    /// <summary>Each tag the change added (compared as the Leads module does, ignoring case) enrolls in its workflows.</summary>
    private async Task TagsAddedAsync(TenantTransaction tx, Guid leadId, IReadOnlyList<LeadFieldChange> changes, string how,
        CancellationToken ct)
    {
        if (changes.FirstOrDefault(c => c.Field == "tags") is not { } tags)
        {
            return;
        }

        var before = List(tags.Previous);
        foreach (var tag in List(tags.Current).Where(t => !before.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            await EnrollAsync(tx, leadId, t => t.Type == TriggerRules.TagAdded
                && string.Equals(t.Tag?.Trim(), tag.Trim(), StringComparison.OrdinalIgnoreCase), $"tag \"{tag}\" added {how}", ct);
        }
    }

    private Task<int> EnrollAsync(TenantTransaction tx, Guid leadId, Func<WorkflowTrigger, bool> matches, string reason,
        CancellationToken ct) =>
        enrollment.EnrollAsync(tx, [leadId], w => matches(w.Trigger), reason, clock.GetUtcNow(), ct);

    /// <summary>A change's value is JSON text: a string, or null when absent.</summary>
    private static string? Text(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<JsonElement>(json) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static List<string> List(string? json) =>
        json is null || JsonSerializer.Deserialize<JsonElement>(json) is not { ValueKind: JsonValueKind.Array } array
            ? []
            : [.. array.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)];
}
