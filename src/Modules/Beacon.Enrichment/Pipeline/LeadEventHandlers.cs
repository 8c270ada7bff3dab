using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Enrichment.Pipeline;

/// <summary>A new lead: every enabled provider step starts at once, in parallel.</summary>
internal sealed class LeadCreatedHandler(Dispatcher dispatcher, ILeadSnapshots snapshots) : IEventHandler<LeadCreated>
{
    public async Task HandleAsync(LeadCreated e, TenantTransaction tx, CancellationToken ct)
    {
        if (!dispatcher.AnyEnabled || await snapshots.GetAsync(tx.TenantId, e.LeadId, 0, ct) is not { } lead)
        {
            return;
        }

        foreach (var provider in ProviderNames.All)
        {
            await dispatcher.DispatchAsync(tx, e.LeadId, provider, null, false, ct, lead);
        }
    }
}

/// <summary>A change of a field a provider reads (e-mail, phone, name, address) asks again; others are ignored.</summary>
internal sealed class LeadChangedHandler(Dispatcher dispatcher, ILeadSnapshots snapshots) : IEventHandler<LeadUpdated>, IEventHandler<LeadMerged>
{
    private static readonly string[] Inputs = ["emails", "phones", "firstName", "lastName", "propertyAddress", "zipCodes", "timeZone"];

    public Task HandleAsync(LeadUpdated e, TenantTransaction tx, CancellationToken ct) => HandleAsync(e.LeadId, e.Changes, tx, ct);

    public Task HandleAsync(LeadMerged e, TenantTransaction tx, CancellationToken ct) => HandleAsync(e.LeadId, e.Changes, tx, ct);

    private async Task HandleAsync(Guid leadId, IReadOnlyList<LeadFieldChange> changes, TenantTransaction tx, CancellationToken ct)
    {
        if (!dispatcher.AnyEnabled || !changes.Any(c => Inputs.Any(i => c.Field.StartsWith(i, StringComparison.Ordinal)))
            || await snapshots.GetAsync(tx.TenantId, leadId, 0, ct) is not { } lead)
        {
            return;
        }

        foreach (var provider in ProviderNames.All)
        {
            // The dispatcher compares the normalised input with the last question and does nothing if it is the same.
            await dispatcher.DispatchAsync(tx, leadId, provider, null, false, ct, lead);
        }
    }
}

internal sealed class FetchJobHandler(Dispatcher dispatcher) : IJobHandler<FetchPayload>
{
    public Task HandleAsync(FetchPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct) =>
        dispatcher.DispatchAsync(tx, payload.LeadId, payload.Provider, payload.Token, false, ct);
}

internal sealed class RecoverJobHandler(Dispatcher dispatcher) : IJobHandler<RecoverPayload>
{
    public Task HandleAsync(RecoverPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct) =>
        dispatcher.RecoverAsync(tx, payload.LeadId, ct);
}
