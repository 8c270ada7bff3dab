namespace Beacon.Assistant.Engine.Drafts;

/// <summary>
/// A message the drafter wrote for a person to send (Beacon never sends it): the channel (<c>email</c> or <c>sms</c>),
/// the lead it is for, a subject (e-mail), the body (a text ends with the opt-out line), a text's segments, and the
/// compliance notes to read before sending (quiet hours in the lead's zone).
/// </summary>
internal sealed record MessageDraft(string Channel, Guid LeadId, string LeadName, string? Subject, string Body, int? Segments,
    IReadOnlyList<string> Notes)
{
    /// <summary>The draft as plain text, for a model that reports it and for anyone reading the raw answer.</summary>
    public string Describe() =>
        $"Draft {(Channel == "sms" ? "text" : "e-mail")} to {LeadName}:\n"
        + (Subject is null ? "" : $"Subject: {Subject}\n")
        + Body
        + string.Concat(Notes.Select(n => $"\nNote: {n}"));
}

/// <summary>What the drafter did for one lead and channel: a <paramref name="Draft"/>, or the <paramref name="Refusal"/>
/// (opted out, no address…) — each audited as the assistant's action for the person.</summary>
internal sealed record DraftOutcome(Guid LeadId, string Channel, MessageDraft? Draft, string? Refusal);
