using System.Security.Claims;

namespace Beacon.Contracts.Workflows;

/// <summary>The channels a message to a lead goes by.</summary>
public static class MessageChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
}

/// <summary>
/// Whether a person may message a lead now on one channel, by the Workflows module's sending rules.
/// <paramref name="Refusal"/> (null when allowed) says why not, after the lead's name: "opted out of texts (replied STOP)".
/// <paramref name="LeadLocalTime"/> is now in the lead's zone (<paramref name="TimeZone"/>, decided from
/// <paramref name="TimeZoneSource"/>); <paramref name="QuietUntil"/> is set when that is outside sending hours: the
/// next moment a message may go.
/// </summary>
public sealed record MessageCheck(bool Allowed, string? Refusal, DateTimeOffset LeadLocalTime, string TimeZone, string TimeZoneSource,
    DateTimeOffset? QuietUntil)
{
    public bool InQuietHours => QuietUntil is not null;
}

/// <summary>A text as it would go out: the body with the carriers' opt-out line, and how many segments it costs.</summary>
public sealed record SmsDraft(string Body, int Segments);

/// <summary>
/// The sending rules for a message a person (through the assistant's drafter) means to send a lead: e-mail opt-outs
/// (unsubscribed, objected to e-mail marketing), SMS opt-outs (texted STOP, objected to texts), a way to reach the lead
/// on the channel, and quiet hours (08:00–21:00 in the lead's zone) — the rules workflow messages pass. Nothing is sent.
/// </summary>
public interface IMessageCompliance
{
    /// <summary>The verdict for <paramref name="leadId"/>; a lead the caller may not view is refused like an unknown one.</summary>
    Task<MessageCheck> CheckAsync(ClaimsPrincipal caller, Guid leadId, string channel, CancellationToken ct);

    /// <summary>A text's final form: <paramref name="text"/> followed by the opt-out line every text carries.</summary>
    SmsDraft PrepareSms(string text);
}
