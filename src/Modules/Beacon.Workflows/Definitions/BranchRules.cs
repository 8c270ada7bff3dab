using System.Globalization;

namespace Beacon.Workflows.Definitions;

/// <summary>
/// A branch's condition must be one it can evaluate, and its jumps must go forward: a jump to its own or an earlier
/// step would let an enrollment loop for ever (each pass sending again), so it is refused naming the loop it would make.
/// </summary>
internal static class BranchRules
{
    public static void Check(WorkflowStep step, string path, Dictionary<string, string[]> errors)
    {
        if (step.Field is null || !BranchConditions.Operators.TryGetValue(step.Field, out var operators))
        {
            errors[$"{path}.field"] = [$"What the branch tests; one of {string.Join(", ", BranchConditions.Operators.Keys)}."];
            return;
        }

        if (!operators.Contains(step.Operator))
        {
            errors[$"{path}.operator"] = [$"For {step.Field}: {string.Join(" or ", operators)}."];
            return;
        }

        var value = step.Value?.Trim();
        var problem = step.Field switch
        {
            "score" => Integer(value, 0, 100) ? null : "A score from 0 to 100.",
            "activity" => Integer(value, 1, 365) ? null : "A number of days from 1 to 365.",
            "enriched" => null,
            "grade" => BranchConditions.Grades.Contains(value?.ToUpperInvariant()) ? null : "A grade: A, B, C or D.",
            _ => string.IsNullOrEmpty(value) || value.Length > 100 ? "Required, at most 100 characters." : null,
        };
        if (problem is not null)
        {
            errors[$"{path}.value"] = [problem];
        }
    }

    /// <summary>Every branch's targets exist and lie ahead of it, so no run can come back to a step it passed.</summary>
    public static void CheckJumps(WorkflowStep?[] steps, Dictionary<string, string[]> errors)
    {
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i]?.Type != "branch")
            {
                continue;
            }

            Jump(steps, i, steps[i]!.ThenStep, $"steps[{i}].thenStep", errors);
            Jump(steps, i, steps[i]!.ElseStep, $"steps[{i}].elseStep", errors);
        }
    }

    private static void Jump(WorkflowStep?[] steps, int from, int? target, string path, Dictionary<string, string[]> errors)
    {
        if (target is not { } to)
        {
            return; // the next step
        }

        if (to <= from && to >= 0)
        {
            var loop = string.Join(" → ", Enumerable.Range(to, from - to + 1).Append(to).Select(s => $"step {s + 1}"));
            errors[path] = [$"This jump makes a cycle ({loop}); a branch jumps forward only, to a later step."];
        }
        else if (to < 0 || to >= steps.Length)
        {
            errors[path] = [steps.Length - from > 1
                ? $"No such step; a later step from {from + 2} to {steps.Length} (0-based index {from + 1} to {steps.Length - 1}), or none for the next."
                : "No step follows this branch to jump to; add one after it."];
        }
    }

    private static bool Integer(string? value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;
}
