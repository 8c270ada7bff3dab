using System.Globalization;
using System.Text.RegularExpressions;

namespace Beacon.Assistant.Engine.Drafts;

/// <summary>A drafted message before compliance: a subject (e-mail only) and its text.</summary>
internal sealed record DraftText(string? Subject, string Text);

/// <summary>
/// The built-in engine's message templates: a greeting with the lead's first name, one sentence made from what the
/// person asked to say, and a closing that suits the topic (an open house, a price change, a showing, an offer, a
/// follow-up). No signature: the person sends it from their own mail or phone, which signs it.
/// </summary>
internal static partial class DraftTemplates
{
    public static DraftText Email(string firstName, string? topic, bool followUp)
    {
        var kind = KindOf(topic);
        var subject = kind switch
        {
            Kind.OpenHouse => "Open house" + (When(topic!) is { } when ? $" {when}" : " invitation"),
            Kind.PriceDrop => "Good news: the price has dropped",
            Kind.Showing => "Your showing",
            Kind.Offer => "About your offer",
            _ when topic is null => followUp ? "Following up" : "Checking in",
            _ => Capitalised(Trimmed(topic!, 60)),
        };
        var text = $"Hi {firstName},\n\n{Sentence(kind, topic, followUp)}\n\n{Closing(kind)}\n\nBest regards,";
        return new DraftText(subject, text);
    }

    /// <summary>A text without the opt-out line (compliance adds it); <paramref name="topic"/> may be cut to fit.</summary>
    public static DraftText Sms(string firstName, string? topic, bool followUp)
    {
        var kind = KindOf(topic);
        var closing = kind switch
        {
            Kind.OpenHouse => "Want me to save you a time?",
            Kind.PriceDrop => "Want to take another look?",
            _ => "Let me know!",
        };
        return new DraftText(null, $"Hi {firstName}, {Sentence(kind, topic, followUp)} {closing}");
    }

    /// <summary><paramref name="topic"/> without its last word, or null when nothing would be left.</summary>
    public static string? Shorter(string? topic)
    {
        var cut = topic?.LastIndexOf(' ') ?? -1;
        return cut <= 0 ? null : topic![..cut].TrimEnd(',', ';', ':', ' ') + "...";
    }

    private enum Kind
    {
        General,
        OpenHouse,
        PriceDrop,
        Showing,
        Offer,
    }

    private static Kind KindOf(string? topic) => topic switch
    {
        null => Kind.General,
        _ when topic.Contains("open house", StringComparison.OrdinalIgnoreCase) => Kind.OpenHouse,
        _ when PriceDrop().IsMatch(topic) => Kind.PriceDrop,
        _ when Showing().IsMatch(topic) => Kind.Showing,
        _ when topic.Contains("offer", StringComparison.OrdinalIgnoreCase) => Kind.Offer,
        _ => Kind.General,
    };

    private static string Sentence(Kind kind, string? topic, bool followUp) => (kind, topic) switch
    {
        (_, null) when followUp => "I wanted to follow up on our last conversation and see how your search is going.",
        (_, null) => "I wanted to check in and see how your search is going.",
        (Kind.OpenHouse, _) => $"You're invited to the {Without(topic!, "the ")}{Stop(topic!)}",
        _ when topic!.StartsWith("the ", StringComparison.OrdinalIgnoreCase) && kind == Kind.PriceDrop => $"Good news: {topic}{Stop(topic)}",
        _ => $"{(followUp ? "Following up: " : "A quick note: ")}{topic}{Stop(topic!)}",
    };

    private static string Closing(Kind kind) => kind switch
    {
        Kind.OpenHouse => "Would you like me to save you a time? Just reply and let me know.",
        Kind.PriceDrop => "If you'd like to take another look, I can set up a showing this week.",
        Kind.Showing => "Reply here if the time needs to change.",
        _ => "Let me know if you have any questions, or a good time to talk.",
    };

    private static string? When(string topic) => Day().Match(topic) is { Success: true } m
        ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(m.Value.ToLowerInvariant()).Replace("This ", "this ", StringComparison.Ordinal)
        : null;

    private static string Without(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? text[prefix.Length..] : text;

    private static string Stop(string text) => text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? "" : ".";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Trimmed(string text, int max) =>
        text.Length <= max ? text : text[..(text.LastIndexOf(' ', max) is > 0 and var cut ? cut : max)] + "...";

    [GeneratedRegex(@"\bprice\b.*\b(?:drop(?:ped)?|reduc(?:ed|tion)|cut|lower(?:ed)?|down)\b|\b(?:price (?:drop|cut|reduction)|reduced)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PriceDrop();

    [GeneratedRegex(@"\b(?:showing|tour|viewing|walk-?through)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Showing();

    [GeneratedRegex(@"\b(?:this weekend|(?:this |next |on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tomorrow|today|tonight)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Day();
}
