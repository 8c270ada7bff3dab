using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.Contracts.Workflows;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Beacon.Workflows.Engine;
using Beacon.Workflows.Settings;

namespace Beacon.Workflows.Compliance;

/// <summary>
/// <see cref="IMessageCompliance"/> from the rules workflow messages pass (<see cref="MessageGate"/>): the same
/// suppressions, objections, SMS opt-outs and quiet hours in the zone the gate would use. What the gate also checks
/// for automated sends — the footer's postal address and the frequency cap — governs Beacon's own messages, not one a
/// person writes and sends themselves, so it is not part of this verdict.
/// </summary>
internal sealed class MessageCompliance(Db db, ILeadAccess access, ILeadSnapshots leads, IProcessingObjections objections,
    TimeProvider clock) : IMessageCompliance
{
    private const string NotVisible = "is not a lead you can see";

    public async Task<MessageCheck> CheckAsync(ClaimsPrincipal caller, Guid leadId, string channel, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (channel is not (MessageChannels.Email or MessageChannels.Sms))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "email or sms");
        }

        var lead = await access.MayViewAsync(caller, leadId, ct) ? await leads.GetAsync(caller.TenantId(), leadId, 0, ct) : null;
        if (lead is null)
        {
            return new MessageCheck(false, NotVisible, now, "UTC", "unknown", null);
        }

        await using var tx = await db.BeginAsync(caller.TenantId(), ct);
        var settings = await SettingsStore.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, ct);
        var zone = QuietHours.ZoneOf(lead, settings?.TimeZone ?? "UTC");
        var source = settings is null && zone.Source.StartsWith("the brokerage", StringComparison.Ordinal)
            ? "UTC: no phone area code Beacon knows, and no brokerage time zone under Workflows → Settings"
            : zone.Source;
        var refusal = await RefusalAsync(tx, lead, channel, ct);
        return new MessageCheck(refusal is null, refusal, TimeZoneInfo.ConvertTime(now, zone.Zone), zone.Zone.Id, source,
            QuietHours.DeferredUntil(now, zone.Zone));
    }

    public SmsDraft PrepareSms(string text)
    {
        var body = text.TrimEnd() + SmsText.OptOutLine;
        return new SmsDraft(body, SmsText.Segments(body).Segments);
    }

    private async Task<string?> RefusalAsync(TenantTransaction tx, LeadSnapshot lead, string channel, CancellationToken ct)
    {
        if (channel == MessageChannels.Email)
        {
            if (lead.Emails.Count == 0)
            {
                return "has no e-mail address";
            }

            if (await StepActions.SuppressedAsync(tx, lead.LeadId, ct))
            {
                return "unsubscribed from e-mails (the link in a workflow e-mail)";
            }

            return await ObjectedAsync(tx, lead, ProcessingPurposes.EmailMarketing, ct)
                ? "opted out of e-mail (an objection to e-mail marketing is recorded)"
                : null;
        }

        if (MessageGate.SmsPhone(lead) is not { } phone)
        {
            return "has no phone number that can take a text";
        }

        if (await SmsStore.OptedOutAsync(tx, phone, ct))
        {
            return "opted out of texts (replied STOP)";
        }

        return await ObjectedAsync(tx, lead, ProcessingPurposes.SmsMarketing, ct)
            ? "opted out of texts (an objection to text messages is recorded)"
            : null;
    }

    private async Task<bool> ObjectedAsync(TenantTransaction tx, LeadSnapshot lead, string purpose, CancellationToken ct) =>
        (await objections.ObjectedAsync(tx.Connection, tx.Transaction, tx.TenantId, [lead.LeadId], [purpose], ct)).Count > 0;
}
