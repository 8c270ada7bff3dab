using Beacon.Contracts.Conversions;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Conversions.Projection;

/// <summary>
/// Keeps each lead's facts (and so the funnel cells) from Leads' events. Each event only says "this lead changed":
/// under the lead's lock the handler reads the lead as it is now, so events handled out of order or twice still
/// leave the right state (a later read never loses to an earlier one).
/// </summary>
internal sealed class LeadProjection(ILeadSnapshots snapshots) :
    IEventHandler<LeadCreated>, IEventHandler<LeadAssigned>, IEventHandler<LeadMerged>, IEventHandler<LeadDeleted>,
    IEventHandler<LeadErased>
{
    public async Task HandleAsync(LeadCreated e, TenantTransaction tx, CancellationToken ct)
    {
        await RefreshAsync(tx, e.LeadId, e.OccurredAt, ct);
        Announce(tx, e.LeadId, e.OccurredAt, await LeadFacts.ReachAsync(tx, e.LeadId, e.Stage, e.OccurredAt, ct));
    }

    public Task HandleAsync(LeadAssigned e, TenantTransaction tx, CancellationToken ct) => RefreshAsync(tx, e.LeadId, e.OccurredAt, ct);

    public async Task HandleAsync(LeadMerged e, TenantTransaction tx, CancellationToken ct)
    {
        await RefreshAsync(tx, e.LeadId, e.OccurredAt, ct);
        await LeadFacts.AddTouchSourceAsync(tx, e.LeadId, e.Source, ct);
    }

    public Task HandleAsync(LeadDeleted e, TenantTransaction tx, CancellationToken ct) => RefreshAsync(tx, e.LeadId, e.OccurredAt, ct);

    public async Task HandleAsync(LeadErased e, TenantTransaction tx, CancellationToken ct)
    {
        await LeadFacts.LockAsync(tx, e.LeadId, ct);
        Announce(tx, e.LeadId, e.OccurredAt, await LeadFacts.RemoveAsync(tx, e.LeadId, ct));
    }

    public async Task RefreshAsync(TenantTransaction tx, Guid leadId, DateTimeOffset at, CancellationToken ct)
    {
        await LeadFacts.LockAsync(tx, leadId, ct);
        var lead = await snapshots.GetAsync(tx.TenantId, leadId, 0, ct);
        var moved = lead is null ? await LeadFacts.RemoveAsync(tx, leadId, ct) : await ApplyAsync(tx, lead, at, ct);
        Announce(tx, leadId, at, moved);
    }

    /// <summary>The agent the lead is assigned to, as last projected.</summary>
    public static Task<Guid?> AgentOfAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT agent_id FROM conversions.lead_facts WHERE tenant_id = @tenant AND lead_id = @leadId",
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));

    public static Task<bool> ApplyAsync(TenantTransaction tx, LeadSnapshot lead, DateTimeOffset at, CancellationToken ct) =>
        LeadFacts.UpsertAsync(tx, lead.LeadId,
            new LeadFacts.Facts(lead.CreatedAt, lead.Source, lead.AssignedTo, lead.Stage, Pipeline.Rank(lead.Stage)), at, ct);

    /// <summary>Open dashboards re-read on this (bulk work says nothing per lead: its import's own events do).</summary>
    public static void Announce(TenantTransaction tx, Guid leadId, DateTimeOffset at, bool moved)
    {
        if (moved)
        {
            tx.Publish(new LeadFiguresChanged(Guid.CreateVersion7(), tx.TenantId, at, leadId));
        }
    }
}

/// <summary>The first human touch: a call, e-mail, text or meeting logged by a person (automated messages have no actor).</summary>
internal sealed class TouchProjection(ILeadSnapshots snapshots) : IEventHandler<LeadActivityAdded>
{
    public static readonly string[] HumanTouches = ["call", "email", "text", "meeting", "showing"];

    public async Task HandleAsync(LeadActivityAdded e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.ActorId is null || !HumanTouches.Contains(e.Type))
        {
            return;
        }

        await LeadFacts.LockAsync(tx, e.LeadId, ct);
        if (await LeadFacts.TouchAsync(tx, e.LeadId, e.OccurredAt, ct) == 0)
        {
            // Handled before the lead's own created event: project the lead now, or its first touch would be lost.
            await new LeadProjection(snapshots).RefreshAsync(tx, e.LeadId, e.OccurredAt, ct);
            await LeadFacts.TouchAsync(tx, e.LeadId, e.OccurredAt, ct);
        }
    }
}
