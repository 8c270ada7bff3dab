using System.Text.RegularExpressions;

namespace Beacon.Assistant.Engine;

/// <summary>Finds whose score a question is about: "why is Jane a B?", "explain Maria's score", "the grade for Tom".</summary>
internal static partial class ScoreQuestion
{
    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "why", "is", "was", "does", "did", "would", "how", "come", "explain", "what", "what's", "whats", "drives", "behind",
        "break", "down", "reasons", "reason", "for", "pushed", "lowered", "factors", "affect", "tell", "me", "the", "of",
        "about", "score", "grade", "please", "can", "you", "could", "to", "quick", "question", "hey", "um", "assistant",
        "i", "need", "know", "so", "makes", "made", "lead", "lead's", "and", "thanks", "that", "it",
    };

    public static string? NameOf(string text)
    {
        foreach (var pattern in new[] { Possessive(), WhyIs(), ForName(), IsGrade() })
        {
            if (pattern.Match(text) is { Success: true } m && Clean(m.Groups["n"].Value) is { } name)
            {
                return name;
            }
        }

        return null;
    }

    private static string? Clean(string candidate)
    {
        var words = candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('?', '!', '.', ',', ':', '“', '”', '"'))
            .SkipWhile(Filler.Contains).Reverse().SkipWhile(Filler.Contains).Reverse().ToList();
        return words.Count is > 0 and <= 4 ? string.Join(' ', words) : null;
    }

    [GeneratedRegex(@"(?<n>[\p{L}][\p{L}' -]*?)['’]s\s+(?:score|grade|rating)", RegexOptions.IgnoreCase)]
    private static partial Regex Possessive();

    [GeneratedRegex(@"\b(?:why|how)\s+(?:is|does|did|would|was|come|did)\s+(?<n>[\p{L}][\p{L}' -]*?)\s+(?:be\s+)?(?:a|an|only|rated|graded|scored|get|got|have|has|end|so)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhyIs();

    [GeneratedRegex(@"\b(?:for|of|about)\s+(?<n>[\p{L}][\p{L}' -]*?)\s*[?.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex ForName();

    [GeneratedRegex(@"(?<n>[\p{L}][\p{L}' -]*?)\s+(?:is|a|an)\s+(?:an?\s+)?[A-D]\b")]
    private static partial Regex IsGrade();
}
