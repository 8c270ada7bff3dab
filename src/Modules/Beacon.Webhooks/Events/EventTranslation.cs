using System.Text.Json;
using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;

namespace Beacon.Webhooks.Events;

/// <summary>Turns Beacon's integration events into the public webhook events (one integration event may become several).</summary>
internal static class EventTranslation
{
    public static IEnumerable<WebhookEvent> From(LeadCreated e)
    {
        yield return new WebhookEvent(WebhookEventTypes.LeadCreated, e.Id, e.OccurredAt, e.LeadId,
            new { leadId = e.LeadId, source = e.Source, type = e.Type, stage = e.Stage, assignedTo = e.AssignedTo, importId = e.ImportId });
    }

    public static IEnumerable<WebhookEvent> From(LeadUpdated e)
    {
        var changes = e.Changes.Select(c => new { field = c.Field, before = Parse(c.Previous), after = Parse(c.Current) }).ToList();
        yield return new WebhookEvent(WebhookEventTypes.LeadUpdated, e.Id, e.OccurredAt, e.LeadId,
            new { leadId = e.LeadId, actorId = e.ActorId, changes });

        if (e.Changes.FirstOrDefault(c => c.Field == "stage") is not { } stage)
        {
            yield break;
        }

        var from = Parse(stage.Previous)?.ToString();
        var to = Parse(stage.Current)?.ToString();
        yield return new WebhookEvent(WebhookEventTypes.LeadStageChanged, e.Id, e.OccurredAt, e.LeadId,
            new { leadId = e.LeadId, actorId = e.ActorId, from, to });
        if (to == WebhookEventTypes.ConvertedStage)
        {
            yield return new WebhookEvent(WebhookEventTypes.LeadConverted, e.Id, e.OccurredAt, e.LeadId,
                new { leadId = e.LeadId, actorId = e.ActorId, previousStage = from, stage = to });
        }
    }

    public static IEnumerable<WebhookEvent> From(LeadScored e)
    {
        yield return new WebhookEvent(WebhookEventTypes.LeadScored, e.Id, e.OccurredAt, e.LeadId, new
        {
            leadId = e.LeadId,
            probability = e.Probability,
            grade = e.Grade,
            previousProbability = e.PreviousProbability,
            previousGrade = e.PreviousGrade,
            method = e.Method,
            modelVersion = e.ModelVersion,
        });
    }

    public static IEnumerable<WebhookEvent> From(LeadEnriched e)
    {
        yield return new WebhookEvent(WebhookEventTypes.LeadEnriched, e.Id, e.OccurredAt, e.LeadId,
            new { leadId = e.LeadId, provider = e.Provider, state = e.State, fields = e.Fields });
    }

    // Changes carry each value as JSON text; the payload carries it as JSON (a string stays a string, a list a list).
    private static JsonElement? Parse(string? json) =>
        json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
