using System.Globalization;
using Beacon.Assistant.Engine.Drafts;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Workflows;

namespace Beacon.Assistant.Engine.Agents;

/// <summary>
/// "Draft a text to Jane about the open house Saturday", "write a follow-up email to Bob": finds the lead among the
/// person's visible leads, asks <see cref="IMessageCompliance"/> (Workflows' sending rules) whether the lead may be
/// messaged on that channel, and drafts from templates. It never sends: an opted-out lead gets no draft and the
/// reason; quiet hours in the lead's zone still get the draft, with when it may go.
/// </summary>
internal sealed class MessageDrafterAgent(ILeadFinder finder, IMessageCompliance compliance) : IAgent
{
    private const int MaxSmsSegments = 2;
    private const string Help = "I can draft an e-mail or a text to one of your leads (“draft a text to Jane Doe about the open house Saturday”, "
        + "“write a follow-up email to Bob”). Whom should I write to, and about what?";

    public string Name => AgentNames.MessageDrafter;

    public async Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct)
    {
        if (DraftQuestion.Parse(request.Text) is not { } ask)
        {
            return new AgentAnswer(Name, Help, []);
        }

        var (lead, instead) = await NamedLead.FindAsync(finder, request.User, ask.LeadName, Name, ct);
        if (lead is null)
        {
            return instead!;
        }

        var what = ask.Channel == MessageChannels.Sms ? "a text" : "an e-mail";
        var check = await compliance.CheckAsync(request.User, lead.LeadId, ask.Channel, ct);
        if (!check.Allowed)
        {
            return new AgentAnswer(Name, $"I won’t draft {what} to {lead.Name}: {lead.Name} {check.Refusal}.", [lead.LeadId],
                Drafting: new DraftOutcome(lead.LeadId, ask.Channel, null, check.Refusal));
        }

        var draft = Compose(ask, lead, check);
        var segments = draft.Segments is { } n ? $" ({n} segment{(n == 1 ? "" : "s")})" : "";
        var text = $"Here is {what} to {lead.Name}{segments}. I don’t send it: copy it and send it yourself, or use a workflow."
            + string.Concat(draft.Notes.Select(note => $"\n⚠ {note}"));
        return new AgentAnswer(Name, text, [lead.LeadId], Drafting: new DraftOutcome(lead.LeadId, ask.Channel, draft, null));
    }

    private MessageDraft Compose(DraftQuestion ask, FoundLead lead, MessageCheck check)
    {
        var first = lead.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? lead.Name;
        List<string> notes = check.InQuietHours ? [QuietNote(lead, check)] : [];
        if (ask.Channel == MessageChannels.Email)
        {
            var email = DraftTemplates.Email(first, ask.Topic, ask.FollowUp);
            return new MessageDraft(MessageChannels.Email, lead.LeadId, lead.Name, email.Subject, email.Text, null, notes);
        }

        // A text is cut to two segments by shortening what it says, word by word, never the greeting or the opt-out line.
        var topic = ask.Topic;
        var sms = compliance.PrepareSms(DraftTemplates.Sms(first, topic, ask.FollowUp).Text);
        while (sms.Segments > MaxSmsSegments && topic is not null)
        {
            topic = DraftTemplates.Shorter(topic);
            sms = compliance.PrepareSms(DraftTemplates.Sms(first, topic, ask.FollowUp).Text);
        }

        if (topic != ask.Topic)
        {
            notes.Add("Shortened to fit two text segments; add the rest in a second message or an e-mail.");
        }

        return new MessageDraft(MessageChannels.Sms, lead.LeadId, lead.Name, null, sms.Body, sms.Segments, notes);
    }

    // "It is 22:10 in America/Chicago for Maria Lopez; sending now would break quiet hours — send after 08:00."
    private static string QuietNote(FoundLead lead, MessageCheck check) => string.Create(CultureInfo.InvariantCulture,
        $"It is {check.LeadLocalTime:HH:mm} in {check.TimeZone} for {lead.Name}; sending now would break quiet hours — send after 08:00 (time zone from {check.TimeZoneSource}).");
}
