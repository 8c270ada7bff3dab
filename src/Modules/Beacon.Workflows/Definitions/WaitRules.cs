namespace Beacon.Workflows.Definitions;

/// <summary>
/// The other ways a wait ends: <c>until</c> a moment (one already past lets the lead through at once, as an edited
/// workflow may leave it) or <c>until_business_hours</c> (the next 08:00–21:00 in the lead's zone, at once when open).
/// </summary>
internal static class WaitRules
{
    public static readonly string[] Modes = ["delay", "until", "until_business_hours"];

    public static void Check(WorkflowStep step, string path, Dictionary<string, string[]> errors)
    {
        switch (step.Mode)
        {
            case "until" when step.Until is null:
                errors[$"{path}.until"] = ["The moment to wait until, as an ISO 8601 date-time with its offset (2027-03-01T09:00:00-06:00)."];
                break;
            case "until" or "until_business_hours":
                break;
            default:
                errors[$"{path}.mode"] = [$"One of {string.Join(", ", Modes)}."];
                break;
        }
    }
}
