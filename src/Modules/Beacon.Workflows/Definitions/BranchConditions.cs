namespace Beacon.Workflows.Definitions;

/// <summary>What a branch may test, and how: the operators each field takes and whether it needs a value.</summary>
internal static class BranchConditions
{
    /// <summary>Text fields compared to a value, case-insensitively.</summary>
    public static readonly string[] TextFields = ["stage", "type", "source", "city", "state", "grade"];

    public static readonly IReadOnlyDictionary<string, string[]> Operators = new Dictionary<string, string[]>
    {
        ["stage"] = ["is", "is_not"],
        ["type"] = ["is", "is_not"],
        ["source"] = ["is", "is_not"],
        ["city"] = ["is", "is_not"],
        ["state"] = ["is", "is_not"],
        ["grade"] = ["is", "is_not"],
        ["tag"] = ["present", "absent"],
        ["score"] = ["gte", "lt"],
        ["enriched"] = ["yes", "no"],
        ["activity"] = ["within_days", "none_within_days"],
    };

    public static readonly string[] Grades = ["A", "B", "C", "D"];
}
