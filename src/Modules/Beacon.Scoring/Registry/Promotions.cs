using System.Text.Json;
using Beacon.Contracts.Scoring;
using Beacon.Scoring.Serving;
using Beacon.SharedKernel.Database;

namespace Beacon.Scoring.Registry;

/// <summary>Champion changes: promote a version, roll back to the one it replaced. Each is logged with who and why.</summary>
internal sealed class Promotions(ActiveModels active, TimeProvider clock)
{
    public async Task<int?> PromoteAsync(TenantTransaction tx, int version, Guid? actor, string reason, object evidence,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var champion = await ModelStore.VersionWithStatusAsync(tx, "champion", ct);
        if (champion is { } c)
        {
            await ModelStore.SetStatusAsync(tx, c, "retired", ct);
        }

        await ModelStore.SetStatusAsync(tx, version, "champion", ct);
        await ModelStore.RecordPromotionAsync(tx, now, "promote", champion, version, actor, reason,
            JsonSerializer.Serialize(evidence, ScoringJson.Options), ct);
        tx.Publish(new ModelPromoted(Guid.CreateVersion7(), tx.TenantId, now, version, champion, actor, reason));
        // After the commit: a scoring job reading in between would otherwise cache the old champion again, for two seconds.
        var tenant = tx.TenantId;
        tx.AfterCommit(() => active.Invalidate(tenant));
        return champion;
    }

    /// <summary>The champion steps down for the version it replaced (or for the scorecard when it replaced none).</summary>
    public async Task<(int From, int? To)?> RollbackAsync(TenantTransaction tx, Guid? actor, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await ModelStore.VersionWithStatusAsync(tx, "champion", ct) is not { } champion)
        {
            return null;
        }

        var previous = await Dapper.SqlMapper.QuerySingleOrDefaultAsync<int?>(tx.Connection, new Dapper.CommandDefinition("""
            SELECT from_version FROM scoring.promotions
             WHERE tenant_id = @tenant AND action = 'promote' AND to_version = @champion
             ORDER BY at DESC, id DESC LIMIT 1
            """, new { tenant = tx.TenantId, champion }, tx.Transaction, cancellationToken: ct));
        await ModelStore.SetStatusAsync(tx, champion, "retired", ct);
        if (previous is { } p)
        {
            await ModelStore.SetStatusAsync(tx, p, "champion", ct);
        }

        await ModelStore.RecordPromotionAsync(tx, now, "rollback", champion, previous, actor, reason, "{}", ct);
        tx.Publish(new ModelRolledBack(Guid.CreateVersion7(), tx.TenantId, now, champion, previous, actor, reason));
        var tenant = tx.TenantId;
        tx.AfterCommit(() => active.Invalidate(tenant));
        return (champion, previous);
    }
}
