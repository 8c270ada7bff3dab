using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.SharedKernel.Database;

namespace Beacon.Workflows.Engine;

/// <summary>Why a message step does not send now: the enrollment stops, or the step waits until <see cref="Until"/>.</summary>
internal sealed record GateVerdict(string Reason, DateTimeOffset? Until)
{
    public bool Stops => Until is null;
}

/// <summary>
/// The rules every message step (e-mail, SMS) passes before it sends, in order: consent for its channel, the
/// brokerage's settings, quiet hours in the lead's time zone, then the frequency cap (at most N messages per lead in
/// any 24 hours, N from the settings). Delays are deferrals, never drops.
/// </summary>
internal sealed class MessageGate(IProcessingObjections objections)
{
    public async Task<GateVerdict?> CheckAsync(TenantTransaction tx, string channel, LeadSnapshot lead, string label, DateTimeOffset now,
        CancellationToken ct)
    {
        // One round trip for what the rules read from this module's tables; the objection is Privacy's, through its contract.
        var reads = await GateReads.ReadAsync(tx, channel, lead.LeadId, now.AddDays(-1), ct);
        if (channel == "email" && (reads.Suppressed
            || (await objections.ObjectedAsync(tx.Connection, tx.Transaction, tx.TenantId, [lead.LeadId],
                [ProcessingPurposes.EmailMarketing], ct)).Count > 0))
        {
            return new GateVerdict($"{label} not sent: the lead opted out of e-mail", null);
        }

        if (channel == "sms" && SmsPhone(lead) is { } phone && await SmsStore.OptedOutAsync(tx, phone, ct))
        {
            return new GateVerdict($"{label} not sent: the lead opted out of SMS (texted STOP from {phone})", null);
        }

        if (channel == "sms" && (await objections.ObjectedAsync(tx.Connection, tx.Transaction, tx.TenantId, [lead.LeadId],
                [ProcessingPurposes.SmsMarketing], ct)).Count > 0)
        {
            return new GateVerdict($"{label} not sent: the lead objected to marketing texts", null);
        }

        if (reads.Settings is not { } settings)
        {
            return new GateVerdict(channel == "email"
                ? $"{label} not sent: the brokerage has no postal address for the e-mail footer (Workflows → Settings)"
                : $"{label} not sent: the brokerage has no sending settings (Workflows → Settings)", null);
        }

        var zone = QuietHours.ZoneOf(lead, settings.TimeZone);
        if (QuietHours.DeferredUntil(now, zone.Zone) is { } until)
        {
            return new GateVerdict($"{label} not sent: quiet hours until 08:00 {zone.Zone.Id} (time zone from {zone.Source})", until);
        }

        var cap = settings.MaxMessagesPerDay ?? 3;
        var recent = reads.RecentSends;
        if (recent.Length >= cap)
        {
            // The window frees a place when the oldest of the last N messages turns 24 hours old.
            var free = recent[recent.Length - cap].AddDays(1);
            return new GateVerdict($"{label} not sent: frequency cap of {cap} messages per lead in 24 hours reached, deferred until {free:yyyy-MM-dd HH:mm} UTC", free);
        }

        return null;
    }

    /// <summary>The lead's first phone that can take a text, as E.164.</summary>
    public static string? SmsPhone(LeadSnapshot lead) => lead.Phones.Select(SmsText.E164).FirstOrDefault(p => p is not null);
}
