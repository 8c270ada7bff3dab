using System.Text.Json;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Ends a lead's running enrollments when a person takes over or the lead says no: a logged call or meeting, an
/// e-mail or text from the lead (<c>data.direction: "inbound"</c>), or an objection to (withdrawal of) e-mail marketing.
/// </summary>
internal sealed class StopRules(ILeadSnapshots leads, TimeProvider clock)
    : IEventHandler<LeadActivityAdded>, IEventHandler<LeadProcessingObjected>
{
    public async Task HandleAsync(LeadActivityAdded e, TenantTransaction tx, CancellationToken ct)
    {
        var reason = e.Type switch
        {
            "call" => "stopped: a call with the lead was logged",
            "meeting" => "stopped: a meeting with the lead was logged",
            "email" or "text" when await InboundAsync(tx.TenantId, e, ct) => $"stopped: the lead replied ({(e.Type == "text" ? "text" : "e-mail")})",
            _ => null,
        };
        if (reason is not null)
        {
            await EnrollmentStore.StopLeadAsync(tx, e.LeadId, reason, clock.GetUtcNow(), ct);
        }
    }

    public async Task HandleAsync(LeadProcessingObjected e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.Purpose == ProcessingPurposes.EmailMarketing)
        {
            await EnrollmentStore.StopLeadAsync(tx, e.LeadId, "stopped: the lead opted out of e-mail", clock.GetUtcNow(), ct);
        }
    }

    private async Task<bool> InboundAsync(Guid tenant, LeadActivityAdded e, CancellationToken ct)
    {
        var lead = await leads.GetAsync(tenant, e.LeadId, 20, ct);
        var activity = lead?.Activities.FirstOrDefault(a => a.ActivityId == e.ActivityId);
        if (activity is null)
        {
            return false;
        }

        using var data = JsonDocument.Parse(activity.DataJson);
        return data.RootElement.ValueKind == JsonValueKind.Object
            && data.RootElement.TryGetProperty("direction", out var direction)
            && direction.ValueKind == JsonValueKind.String && direction.GetString() == "inbound";
    }
}
