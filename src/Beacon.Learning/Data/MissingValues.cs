namespace Beacon.Learning.Data;

/// <summary>Which raw text values count as "no value". "Select" is a form's unselected default.</summary>
public static class MissingValues
{
    private static readonly HashSet<string> Tokens = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "na", "n/a", "nan", "null", "none", "?", "-", "select",
    };

    public static bool IsMissing(string? raw) => raw is null || Tokens.Contains(raw.Trim());
}
