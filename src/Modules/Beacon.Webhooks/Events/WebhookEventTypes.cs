namespace Beacon.Webhooks.Events;

/// <summary>The event types a subscription may choose, by their wire names (docs/webhooks.md describes each payload).</summary>
internal static class WebhookEventTypes
{
    public const string LeadCreated = "lead.created";
    public const string LeadUpdated = "lead.updated";
    public const string LeadScored = "lead.scored";
    public const string LeadEnriched = "lead.enriched";
    public const string LeadStageChanged = "lead.stage_changed";

    /// <summary>Derived: Beacon has no conversion event yet, so a stage change to <see cref="ConvertedStage"/> is one.</summary>
    public const string LeadConverted = "lead.converted";

    /// <summary>Reserved for workflows, which do not exist yet: subscribable now so integrations need no change later.</summary>
    public const string WorkflowStep = "workflow.step";

    /// <summary>Sent only by "test-send"; never subscribed to, always delivered to the subscription asked.</summary>
    public const string Ping = "webhook.ping";

    public const string ConvertedStage = "closed";

    public static IReadOnlyList<string> All { get; } =
        [LeadCreated, LeadUpdated, LeadScored, LeadEnriched, LeadStageChanged, LeadConverted, WorkflowStep];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
