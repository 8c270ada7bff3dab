using System.Text.RegularExpressions;

namespace Beacon.Workflows.Definitions;

/// <summary>
/// <c>{{lead.firstName}}</c> in a subject or body is replaced by the lead's value; <c>{{lead.firstName|there}}</c> gives a
/// fallback for a lead without one (without a fallback, a missing value is left out).
/// </summary>
internal static partial class MergeFields
{
    public static IReadOnlyList<string> Known { get; } =
        ["lead.firstName", "lead.lastName", "lead.fullName", "lead.email", "agent.name", "agent.email", "agent.phone", "agent.signature",
            "brokerage.postalAddress"];

    [GeneratedRegex(@"\{\{\s*([A-Za-z.]+)\s*(?:\|([^{}]*))?\}\}")]
    private static partial Regex Field();

    /// <summary>Why the template cannot be rendered, or null when it can.</summary>
    public static string? Problem(string template)
    {
        foreach (Match m in Field().Matches(template))
        {
            if (!Known.Contains(m.Groups[1].Value))
            {
                return $"Unknown merge field {{{{{m.Groups[1].Value}}}}}; known: {string.Join(", ", Known)}.";
            }
        }

        var rest = Field().Replace(template, "");
        return rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal)
            ? "A merge field is not closed: write {{lead.firstName}} or {{lead.firstName|fallback}}."
            : null;
    }

    /// <summary>The merge fields a template uses, each once, with the fallback written after its bar (null when none).</summary>
    public static IReadOnlyList<(string Field, string? Fallback)> Used(string template) =>
        [.. Field().Matches(template).Select(m => (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value.Trim() : null)).Distinct()];

    public static string Render(string template, IReadOnlyDictionary<string, string?> values) =>
        Field().Replace(template, m =>
        {
            var value = values.GetValueOrDefault(m.Groups[1].Value);
            return string.IsNullOrWhiteSpace(value) ? m.Groups[2].Value.Trim() : value;
        });
}
