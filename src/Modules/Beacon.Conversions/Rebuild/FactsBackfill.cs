using Beacon.Contracts.Leads;
using Beacon.Conversions.Projection;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Rebuild;

/// <summary>
/// First half of the rebuild: every live lead of the tenant (from Leads, the system of record) gets its facts as the
/// event handlers keep them, and facts of leads Leads no longer has are removed. A page of leads at a time, each page
/// one transaction that takes the leads' locks before it reads them — the handlers' own order — so a change handled
/// meanwhile is never overwritten with an older read. The furthest stage only ever grows (a stage a lead passed
/// through stays reached), so a second run changes nothing.
/// </summary>
internal sealed class FactsBackfill(Db db, ILeadSnapshots snapshots)
{
    public const int Page = 500;

    /// <summary>How far back a backfilled lead's first human touch is looked for (its newest activities).</summary>
    private const int Activities = 200;

    public async Task<(long Leads, long Removed)> RunAsync(Guid tenant, CancellationToken ct)
    {
        long leads = 0, removed = 0;
        for (var after = Guid.Empty; ;)
        {
            var ids = await snapshots.LiveLeadIdsAsync(tenant, after, Page, ct);
            if (ids.Count == 0)
            {
                break;
            }

            await using var tx = await db.BeginAsync(tenant, ct);
            await LockAsync(tx, ids, ct);
            foreach (var lead in await snapshots.GetManyAsync(tenant, ids, Activities, ct))
            {
                await LeadProjection.ApplyAsync(tx, lead, lead.UpdatedAt, ct);
                if (FirstHumanTouch(lead) is { } touched)
                {
                    await LeadFacts.TouchAsync(tx, lead.LeadId, touched, ct);
                }
            }

            await tx.CommitAsync(ct);
            leads += ids.Count;
            after = ids[^1];
        }

        for (var after = Guid.Empty; ;)
        {
            await using var tx = await db.BeginAsync(tenant, ct);
            var ids = (await tx.Connection.QueryAsync<Guid>(new CommandDefinition("""
                SELECT lead_id FROM conversions.lead_facts WHERE tenant_id = @tenant AND lead_id > @after ORDER BY lead_id LIMIT @page
                """, new { tenant, after, page = Page }, tx.Transaction, cancellationToken: ct))).ToList();
            if (ids.Count == 0)
            {
                break;
            }

            await LockAsync(tx, ids, ct);
            var live = (await snapshots.GetManyAsync(tenant, ids, 0, ct)).Select(l => l.LeadId).ToHashSet();
            foreach (var gone in ids.Where(id => !live.Contains(id)))
            {
                await LeadFacts.RemoveAsync(tx, gone, ct);
                removed++;
            }

            await tx.CommitAsync(ct);
            after = ids[^1];
        }

        return (leads, removed);
    }

    /// <summary>The leads' advisory locks in id order (as the import handler takes them), so two lockers never wait on each other in a cycle.</summary>
    private static async Task LockAsync(TenantTransaction tx, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        foreach (var id in ids.Order())
        {
            await LeadFacts.LockAsync(tx, id, ct);
        }
    }

    private static DateTimeOffset? FirstHumanTouch(LeadSnapshot lead) =>
        lead.Activities.Where(a => a.ActorId is not null && TouchProjection.HumanTouches.Contains(a.Type))
            .Select(a => (DateTimeOffset?)a.OccurredAt).Min();
}
