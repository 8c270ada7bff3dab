using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.Workflows.Definitions;
using Beacon.Workflows.Settings;

namespace Beacon.Workflows.Engine;

/// <summary>
/// A wait that ends at a moment rather than after a delay: <c>until</c> a date-time (already past: the lead goes on at
/// once) or <c>until_business_hours</c>, the next 08:00–21:00 in the lead's zone judged as the message gate judges it
/// (phone area code, else the lead's own zone, else the brokerage's), so a message after it is not deferred again.
/// </summary>
internal static class WaitUntilStep
{
    public static async Task<StepOutcome> RunAsync(TenantTransaction tx, WorkflowStep step, LeadSnapshot lead, string label,
        DateTimeOffset now, CancellationToken ct)
    {
        if (step.Mode == "until")
        {
            var until = step.Until!.Value.ToUniversalTime();
            return until <= now
                ? ("done", $"{label}: wait until {until:yyyy-MM-dd HH:mm} UTC already passed, continuing", now)
                : ("done", $"{label}: waiting until {until:yyyy-MM-dd HH:mm} UTC", until);
        }

        var settings = await SettingsStore.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, ct);
        var zone = QuietHours.ZoneOf(lead, settings?.TimeZone ?? "UTC");
        return QuietHours.DeferredUntil(now, zone.Zone) is { } opens
            ? ("done", $"{label}: waiting for business hours, until 08:00 {zone.Zone.Id} (time zone from {zone.Source})", opens)
            : ("done", $"{label}: within business hours in {zone.Zone.Id} (time zone from {zone.Source}), continuing", now);
    }
}
