using System.Globalization;
using System.Text.RegularExpressions;

namespace Beacon.Assistant.Engine;

/// <summary>
/// What a follow-up request asks for, read with plain patterns: a task ("create a task to call Jane tomorrow",
/// "remind me to email Jane Doe on Friday") or an enrolment ("enrol Jane Doe in Spring nurture").
/// <paramref name="Verb"/> is the task's action ("Call"); <paramref name="Workflow"/> the words naming a workflow.
/// </summary>
internal sealed partial record FollowUpQuestion(string LeadName, string? Verb, DateTimeOffset DueAt, string? Workflow)
{
    public bool IsEnrolment => Workflow is not null;

    public static FollowUpQuestion? Parse(string text, DateTimeOffset now)
    {
        var clean = text.Trim().TrimEnd('.', '!', '?').Trim();
        // "Add a task to email Tom" is a task; "add Tom to the buyer drip" an enrolment: workflow words decide.
        if (WorkflowWords().IsMatch(clean))
        {
            return Enrol().Match(clean) is { Success: true } enrol
                ? new FollowUpQuestion(enrol.Groups["lead"].Value.Trim(), null, now, enrol.Groups["workflow"].Value.Trim())
                : null;
        }

        if (Task().Match(clean) is not { Success: true } task)
        {
            return null;
        }

        var when = task.Groups["when"].Value.ToLowerInvariant();
        var verb = task.Groups["verb"].Value.ToLowerInvariant() switch
        {
            "phone" or "ring" => "Call",
            "e-mail" => "Email",
            var v => char.ToUpperInvariant(v[0]) + v[1..],
        };
        return new FollowUpQuestion(task.Groups["lead"].Value.Trim(), verb, DueFrom(when, now), null);
    }

    // "Tomorrow" is this time tomorrow: a task list sorts by it, and the person can move it on the Tasks screen.
    private static DateTimeOffset DueFrom(string when, DateTimeOffset now)
    {
        if (when.StartsWith("in ", StringComparison.Ordinal) && int.TryParse(Digits().Match(when).Value, CultureInfo.InvariantCulture, out var days))
        {
            return now.AddDays(Math.Clamp(days, 0, 365));
        }

        if (when.StartsWith("on ", StringComparison.Ordinal) && Enum.TryParse<DayOfWeek>(when[3..], ignoreCase: true, out var day))
        {
            var ahead = ((int)day - (int)now.DayOfWeek + 7) % 7;
            return now.AddDays(ahead == 0 ? 7 : ahead);
        }

        return when switch
        {
            "today" or "this afternoon" or "tonight" => now.AddHours(2),
            "next week" => now.AddDays(7),
            _ => now.AddDays(1),
        };
    }

    [GeneratedRegex(@"\b(?:enrol|enroll|add|put|sign)\s+(?:up\s+)?(?<lead>.+?)\s+(?:in|into|to|on|for)\s+(?:the\s+|my\s+|our\s+)?(?<workflow>.+?)(?:\s+(?:workflow|campaign|drip|sequence))?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Enrol();

    [GeneratedRegex(@"\b(?<verb>call|phone|ring|email|e-mail|text|meet|visit|ping|follow up with|check in with)\s+(?<lead>.+?)(?:\s+(?<when>today|tomorrow|tonight|this afternoon|next week|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in \d{1,3} days?))?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Task();

    [GeneratedRegex(@"\b(?:enrol|enroll|enrolment|enrollment|workflow|campaign|drip|sequence)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WorkflowWords();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
