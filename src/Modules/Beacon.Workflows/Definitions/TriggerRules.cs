namespace Beacon.Workflows.Definitions;

/// <summary>Whether a lead may go through a workflow again (per workflow, versioned with its trigger).</summary>
internal static class Reenrollments
{
    /// <summary>Once per lead, ever (the default, and every workflow saved before the rule existed).</summary>
    public const string Never = "never";

    /// <summary>Again once the previous enrollment ended (completed or stopped); never two active at once.</summary>
    public const string AfterExit = "after_exit";

    public static IReadOnlyList<string> All { get; } = [Never, AfterExit];
}

/// <summary>
/// The triggers on a lead's change, each problem keyed by its JSON path (<c>trigger.grade</c>):
/// <c>grade_changed</c> (optional <c>grade</c> A–D the lead moved to), <c>stage_changed</c> (optional <c>stage</c> moved
/// to), <c>tag_added</c> (required <c>tag</c>), <c>enrichment_completed</c> (a provider found data),
/// <c>lead_assigned</c> (optional <c>agentId</c> it was assigned to) and <c>no_activity</c> (required <c>days</c>, 1–365,
/// without any activity on the lead).
/// </summary>
internal static class TriggerRules
{
    public const string GradeChanged = "grade_changed";
    public const string StageChanged = "stage_changed";
    public const string TagAdded = "tag_added";
    public const string EnrichmentCompleted = "enrichment_completed";
    public const string LeadAssigned = "lead_assigned";
    public const string NoActivity = "no_activity";

    public static IReadOnlyList<string> LeadChangeTriggers { get; } =
        [GradeChanged, StageChanged, TagAdded, EnrichmentCompleted, LeadAssigned, NoActivity];

    public static IReadOnlyList<string> Grades { get; } = ["A", "B", "C", "D"];

    /// <summary>The Leads module's pipeline stages, as its API spells them.</summary>
    public static IReadOnlyList<string> Stages { get; } =
        ["new", "contacted", "qualified", "appointment", "showing", "listing", "offer", "under_contract", "closed", "lost", "nurture"];

    public const int MaxTagLength = 50;

    public static void Check(WorkflowTrigger trigger, Dictionary<string, string[]> errors)
    {
        switch (trigger.Type)
        {
            case GradeChanged when trigger.Grade is not null && !Grades.Contains(trigger.Grade):
                errors["trigger.grade"] = [$"One of {string.Join(", ", Grades)}, or empty for any grade."];
                break;
            case StageChanged when trigger.Stage is not null && !Stages.Contains(trigger.Stage):
                errors["trigger.stage"] = [$"One of {string.Join(", ", Stages)}, or empty for any stage."];
                break;
            case TagAdded when string.IsNullOrWhiteSpace(trigger.Tag) || trigger.Tag.Trim().Length > MaxTagLength:
                errors["trigger.tag"] = [$"The tag to watch for: required, at most {MaxTagLength} characters."];
                break;
            case LeadAssigned when trigger.AgentId == Guid.Empty:
                errors["trigger.agentId"] = ["An agent's id, or empty for any agent."];
                break;
            case NoActivity when trigger.Days is not (>= 1 and <= 365):
                errors["trigger.days"] = ["Days without activity, from 1 to 365."];
                break;
        }
    }

    public static void CheckReenrollment(string? reenrollment, Dictionary<string, string[]> errors)
    {
        if (reenrollment is not null && !Reenrollments.All.Contains(reenrollment))
        {
            errors["reenrollment"] = [$"One of {string.Join(", ", Reenrollments.All)}."];
        }
    }
}
