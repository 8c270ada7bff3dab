using Beacon.Workflows.Engine;

namespace Beacon.Workflows.Definitions;

/// <summary>What DataAnnotations cannot say about a workflow, each problem keyed by its JSON path (<c>steps[2].delayMinutes</c>).</summary>
internal static class WorkflowRules
{
    public static IReadOnlyList<string> Triggers { get; } = ["lead_created", "score_crossed", .. TriggerRules.LeadChangeTriggers];

    public static IReadOnlyList<string> StepTypes { get; } =
        ["email", "sms", "wait", "task", "goal", "branch", "set_stage", "add_tag", "remove_tag", "assign", "webhook"];

    private const int MaxMinutes = 366 * 24 * 60;

    public static Dictionary<string, string[]> Check(SaveWorkflowRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var trigger = request.Trigger!;
        if (!Triggers.Contains(trigger.Type))
        {
            errors["trigger.type"] = [$"Unknown trigger; one of {string.Join(", ", Triggers)}."];
        }
        else if (trigger.Type == "score_crossed")
        {
            if (trigger.Threshold is not (>= 1 and <= 99))
            {
                errors["trigger.threshold"] = ["A score from 1 to 99."];
            }

            if (trigger.Direction is not ("up" or "down"))
            {
                errors["trigger.direction"] = ["up or down."];
            }
        }
        else
        {
            TriggerRules.Check(trigger, errors);
        }

        TriggerRules.CheckReenrollment(request.Reenrollment, errors);

        var steps = request.Steps!;
        for (var i = 0; i < steps.Length; i++)
        {
            CheckStep(steps[i], $"steps[{i}]", errors);
        }

        BranchRules.CheckJumps(steps, errors);

        return errors;
    }

    private static void CheckStep(WorkflowStep? step, string path, Dictionary<string, string[]> errors)
    {
        switch (step?.Type)
        {
            case "email":
                Text(step.Subject, 200, $"{path}.subject", errors);
                Text(step.Body, 10_000, $"{path}.body", errors);
                break;
            case "sms":
                SmsBody(step.Body, $"{path}.body", errors);
                break;
            case "wait" when step.Mode is not (null or "delay"):
                WaitRules.Check(step, path, errors);
                break;
            case "wait":
                if (step.DelayMinutes is not (>= 1 and <= MaxMinutes))
                {
                    errors[$"{path}.delayMinutes"] = [$"Minutes to wait, from 1 to {MaxMinutes}."];
                }

                break;
            case "task":
                Text(step.Title, 200, $"{path}.title", errors);
                if (step.DueInMinutes is < 0 or > MaxMinutes)
                {
                    errors[$"{path}.dueInMinutes"] = [$"Minutes after the step until the task is due, from 0 to {MaxMinutes}."];
                }

                break;
            case "goal":
                break;
            case "branch":
                BranchRules.Check(step, path, errors);
                break;
            case "set_stage" or "add_tag" or "remove_tag" or "assign":
                LeadStepRules.Check(step, path, errors);
                break;
            case "webhook":
                WebhookRules.Check(step, path, errors);
                break;
            default:
                errors[$"{path}.type"] = [$"Unknown step; one of {string.Join(", ", StepTypes)}."];
                break;
        }
    }

    /// <summary>
    /// An SMS body: at most 1,600 characters and 10 segments once the opt-out line is added, counted on the template
    /// (a merge field's value may add a segment when the text is sent).
    /// </summary>
    private static void SmsBody(string? body, string path, Dictionary<string, string[]> errors)
    {
        var max = SmsText.MaxCharacters - SmsText.OptOutLine.Length;
        Text(body, max, path, errors);
        if (!errors.ContainsKey(path) && SmsText.Segments(body! + SmsText.OptOutLine) is var (segments, gsm) && segments > SmsText.MaxSegments)
        {
            errors[path] = [$"{segments} segments with the opt-out line ({(gsm ? "GSM-7" : "UCS-2: a character outside GSM-7, such as an emoji or curly quote, makes every segment 67 characters")}); at most {SmsText.MaxSegments}."];
        }
    }

    internal static void Text(string? value, int max, string path, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors[path] = [$"Required, at most {max} characters."];
        }
        else if (MergeFields.Problem(value) is { } problem)
        {
            errors[path] = [problem];
        }
    }
}
