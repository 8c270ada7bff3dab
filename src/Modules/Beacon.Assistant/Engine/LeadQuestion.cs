using System.Globalization;
using System.Text.RegularExpressions;

namespace Beacon.Assistant.Engine;

/// <summary>
/// What a lead-finder question asks for, read from the person's words with plain patterns: an area ("in Austin",
/// a ZIP), hot leads (A and B, or the grades named), leads nobody reached within a period, or a name.
/// </summary>
internal sealed partial record LeadQuestion(string? Area, IReadOnlyList<string> Grades, TimeSpan? Untouched, string? Name)
{
    private static readonly HashSet<string> NotAnArea = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "my", "this", "last", "not", "that", "who", "which", "i", "with", "today", "please", "lately",
        "for", "since", "haven't", "have", "nobody", "waiting", "are", "days", "day", "week", "weeks", "month", "while",
        "thanks", "need", "and", "or", "to", "two", "me", "stage", "total",
    };

    public static LeadQuestion Parse(string text) =>
        new(AreaOf(text), GradesOf(text), UntouchedOf(text), NameOf(text));

    /// <summary>How the question reads back in an answer: "hot leads in Austin nobody has contacted in the last 7 days".</summary>
    public string Describe()
    {
        var what = Grades.Count == 0 ? "leads" : Grades.Count == 2 && Grades[0] == "A" && Grades[1] == "B" ? "hot leads" : $"{string.Join(" and ", Grades)} leads";
        var parts = new List<string> { what };
        if (Name is not null)
        {
            parts.Add($"named “{Name}”");
        }

        if (Area is not null)
        {
            parts.Add($"in {Area}");
        }

        if (Untouched is { } period)
        {
            parts.Add(period.TotalDays <= 1 ? "nobody has contacted today" : $"nobody has contacted in the last {period.TotalDays:0} days");
        }

        return string.Join(' ', parts);
    }

    private static string? AreaOf(string text)
    {
        if (Zip().Match(text) is { Success: true } zip)
        {
            return zip.Value;
        }

        var words = Word().Matches(text).Select(m => m.Value).ToList();
        for (var i = 0; i < words.Count - 1; i++)
        {
            if (words[i].ToLowerInvariant() is not ("in" or "from" or "around" or "near") || NotAnArea.Contains(words[i + 1]))
            {
                continue;
            }

            var area = words.Skip(i + 1).TakeWhile(w => !NotAnArea.Contains(w)).Take(3);
            return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(string.Join(' ', area).ToLowerInvariant());
        }

        return null;
    }

    private static List<string> GradesOf(string text)
    {
        var named = GradeLetters().Matches(text).SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value })
            .Where(g => g.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        if (named.Count > 0)
        {
            return named;
        }

        return Hot().IsMatch(text) ? ["A", "B"] : [];
    }

    private static TimeSpan? UntouchedOf(string text)
    {
        if (!NoTouch().IsMatch(text))
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        return lower.Contains("today", StringComparison.Ordinal) ? TimeSpan.FromDays(1)
            : lower.Contains("two weeks", StringComparison.Ordinal) || lower.Contains("14 days", StringComparison.Ordinal) ? TimeSpan.FromDays(14)
            : lower.Contains("month", StringComparison.Ordinal) || lower.Contains("30 days", StringComparison.Ordinal) ? TimeSpan.FromDays(30)
            : TimeSpan.FromDays(7);
    }

    private static string? NameOf(string text) =>
        Named().Match(text) is { Success: true } m ? m.Groups["name"].Value.Trim() : null;

    [GeneratedRegex(@"\b\d{5}\b")]
    private static partial Regex Zip();

    [GeneratedRegex(@"[\p{L}][\p{L}'’.-]*|\d+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b([A-D])(?:\s*(?:and|&|or|,)\s*([A-D]))?\s+(?:leads|prospects|buyers|sellers)\b")]
    private static partial Regex GradeLetters();

    [GeneratedRegex(@"\b(hot|hottest|warm|best|top|priority|should i call)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hot();

    [GeneratedRegex(@"\b(not|n't|nobody|never|waiting|need a call|un(?:contacted|touched))\b|n't\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoTouch();

    [GeneratedRegex(@"\b(?:named|look up|search for)\s+(?<name>[\p{L}][\p{L}'’ -]{0,60}?)\s*(?:please|thanks)?[?.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Named();
}
