namespace Beacon.Workflows.Definitions;

/// <summary>
/// The shape of the steps that change the lead. Whether the stage and the agent exist is asked of the Leads module at
/// save time (<see cref="StepReferences"/>); an agent who leaves later makes the step skip with a reason.
/// </summary>
internal static class LeadStepRules
{
    public static void Check(WorkflowStep step, string path, Dictionary<string, string[]> errors)
    {
        switch (step.Type)
        {
            case "set_stage" when string.IsNullOrWhiteSpace(step.Stage):
                errors[$"{path}.stage"] = ["The stage to move the lead to."];
                break;
            case "add_tag" or "remove_tag" when string.IsNullOrWhiteSpace(step.Tag) || step.Tag.Trim().Length > 100:
                errors[$"{path}.tag"] = ["The tag, at most 100 characters."];
                break;
        }
    }
}
