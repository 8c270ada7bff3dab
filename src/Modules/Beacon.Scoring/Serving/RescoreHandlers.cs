using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Scoring.Serving;

/// <summary>Every lead event that can change a score re-scores the lead (delivered through the queue).</summary>
internal sealed class RescoreOnCreated(ScoreService scorer) : IEventHandler<LeadCreated>
{
    public Task HandleAsync(LeadCreated e, TenantTransaction tx, CancellationToken ct) => scorer.ScoreAsync(tx, e.LeadId, ct);
}

internal sealed class RescoreOnUpdated(ScoreService scorer) : IEventHandler<LeadUpdated>
{
    public Task HandleAsync(LeadUpdated e, TenantTransaction tx, CancellationToken ct) => scorer.ScoreAsync(tx, e.LeadId, ct);
}

internal sealed class RescoreOnMerged(ScoreService scorer) : IEventHandler<LeadMerged>
{
    public Task HandleAsync(LeadMerged e, TenantTransaction tx, CancellationToken ct) => scorer.ScoreAsync(tx, e.LeadId, ct);
}

internal sealed class RescoreOnAssigned(ScoreService scorer) : IEventHandler<LeadAssigned>
{
    public Task HandleAsync(LeadAssigned e, TenantTransaction tx, CancellationToken ct) => scorer.ScoreAsync(tx, e.LeadId, ct);
}

internal sealed class RescoreOnActivity(ScoreService scorer) : IEventHandler<LeadActivityAdded>
{
    public Task HandleAsync(LeadActivityAdded e, TenantTransaction tx, CancellationToken ct) => scorer.ScoreAsync(tx, e.LeadId, ct);
}

internal sealed class RescoreOnEnriched(ScoreService scorer) : IEventHandler<LeadEnriched>
{
    public Task HandleAsync(LeadEnriched e, TenantTransaction tx, CancellationToken ct) => scorer.ScoreAsync(tx, e.LeadId, ct);
}

internal sealed class RescoreOnDeleted(ScoreService scorer) : IEventHandler<LeadDeleted>
{
    public Task HandleAsync(LeadDeleted e, TenantTransaction tx, CancellationToken ct) => scorer.ScoreAsync(tx, e.LeadId, ct);
}
