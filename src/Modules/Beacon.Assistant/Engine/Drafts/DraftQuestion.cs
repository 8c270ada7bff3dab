using System.Text.RegularExpressions;
using Beacon.Contracts.Workflows;

namespace Beacon.Assistant.Engine.Drafts;

/// <summary>
/// What a drafting request asks for, read with plain patterns: the channel ("a text", "an email"; e-mail when only "a
/// message"), whom it is for ("to Jane", "text Maria", "send Bob an email") and what it is about ("about the open
/// house Saturday", "that the price dropped"), with the lead's pronouns turned to "you" as the message speaks to them.
/// </summary>
internal sealed partial record DraftQuestion(string Channel, string LeadName, string? Topic, bool FollowUp)
{
    private static readonly HashSet<string> NotAName = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "my", "our", "me", "him", "her", "them", "send", "write", "draft", "text", "email", "e-mail", "sms",
        "message", "note", "follow", "up", "follow-up", "quick", "short", "new", "lead", "client", "please", "about", "that",
    };

    public static DraftQuestion? Parse(string text)
    {
        var clean = text.Trim().TrimEnd('.', '!', '?').Trim();
        var topic = TopicClause().Match(clean) is { Success: true } t ? Spoken(t.Groups["topic"].Value.Trim()) : null;
        var head = topic is null ? clean : clean[..TopicClause().Match(clean).Index];
        var name = NameOf(head);
        if (name is null)
        {
            return null;
        }

        // The first channel word decides ("a text about her e-mail" is a text); "a message" alone is an e-mail.
        var channel = ChannelWord().Match(clean) is { Success: true } c && char.ToLowerInvariant(c.Value[0]) is 't' or 's'
            ? MessageChannels.Sms
            : MessageChannels.Email;
        return new DraftQuestion(channel, name, string.IsNullOrWhiteSpace(topic) ? null : topic, FollowUpWords().IsMatch(clean));
    }

    private static string? NameOf(string head)
    {
        foreach (var pattern in new[] { SendName(), ToName(), VerbName() })
        {
            foreach (Match m in pattern.Matches(head))
            {
                var words = m.Groups["lead"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(w => w.Trim(',', ':', '“', '”', '"')).TakeWhile(w => !NotAName.Contains(w)).Take(4).ToList();
                if (words.Count > 0)
                {
                    return string.Join(' ', words);
                }
            }
        }

        return null;
    }

    // The message speaks to the lead: "that her offer was accepted" becomes "that your offer was accepted".
    private static string Spoken(string topic) => Pronoun().Replace(topic, m => m.Value.ToLowerInvariant() switch
    {
        "she's" or "he's" or "they're" => "you're",
        "she" or "he" or "they" => "you",
        "her" or "his" or "their" => "your",
        "him" or "them" => "you",
        "hers" or "theirs" => "yours",
        var other => other,
    });

    [GeneratedRegex(@"\b(?:texts?|sms|txt|e-?mails?|mail)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChannelWord();

    [GeneratedRegex(@"\b(?:send|write|draft|compose|shoot)\s+(?<lead>[\p{L}][\p{L}'’ .-]*?)\s+an?\s+(?:quick\s+|short\s+)?(?:follow[- ]?up\s+)?(?:texts?|sms|e-?mails?|message|note)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SendName();

    [GeneratedRegex(@"\b(?:to|for)\s+(?<lead>[\p{L}][\p{L}'’ .-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ToName();

    [GeneratedRegex(@"^(?:please\s+|can you\s+|could you\s+)?(?:text|sms|e-?mail|message)\s+(?<lead>[\p{L}][\p{L}'’ .-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex VerbName();

    [GeneratedRegex(@"\b(?:about|regarding|re:?|that|saying|to say|to tell (?:him|her|them)|telling (?:him|her|them)|(?:letting|to let) (?:him|her|them) know(?: that| about)?|reminding (?:him|her|them)(?: about| of| that)?|to remind (?:him|her|them)(?: about| of| that)?|inviting (?:him|her|them) to|to invite (?:him|her|them) to)\s+(?<topic>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicClause();

    [GeneratedRegex(@"\b(?:follow[- ]?up|following up|check(?:ing)? in)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUpWords();

    [GeneratedRegex(@"\b(?:she's|he's|they're|she|he|they|her|his|their|him|them|hers|theirs)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();
}
