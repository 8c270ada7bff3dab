using System.Globalization;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Scoring.Insights;

/// <summary>
/// <c>beacon scoring rebuild [--tenant ID]</c>: the score distribution's counts (<c>scoring.distribution_cells</c>)
/// recomputed from the scores and outcomes, for disaster recovery (a restore of one table, a hand edit). The triggers
/// keep the counts on every write (ADR 0033), so a second run reports 0 wrong cells when the figures are exact.
/// </summary>
internal sealed class DistributionRebuild(Db db)
{
    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var (ok, tenant) = await TenantArgument.ParseAsync(args, "scoring rebuild [--tenant ID]", output);
        if (!ok)
        {
            return 2;
        }

        var tenants = tenant is { } one ? [one] : await KnownTenantsAsync(ct);
        foreach (var t in tenants)
        {
            var (cells, wrong) = await RebuildAsync(t, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{t}: {cells} score distribution cells written, {wrong} were wrong"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{tenants.Count} tenant(s) rebuilt."));
        return 0;
    }

    /// <returns>Cells written, and cells that were missing, miscounted or backed by no score before the rebuild.</returns>
    public async Task<(long Cells, long Wrong)> RebuildAsync(Guid tenant, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(tenant, ct);
        var conn = tx.Connection;
        // Score and outcome writers (of every tenant) wait the few seconds of the recount, so none moves a count between
        // the recount and the replacement; readers do not wait.
        await conn.ExecuteAsync(new CommandDefinition("LOCK TABLE scoring.scores, scoring.outcomes IN SHARE MODE",
            transaction: tx.Transaction, cancellationToken: ct));
        const string counted = """
            SELECT s.agent_id, scoring.band(s.probability) AS band, coalesce(s.override_grade, s.grade) AS grade, s.method,
                   count(*)::int AS leads
              FROM scoring.scores s
             WHERE s.tenant_id = @tenant
               AND NOT EXISTS (SELECT 1 FROM scoring.outcomes o WHERE o.tenant_id = s.tenant_id AND o.lead_id = s.lead_id)
             GROUP BY 1, 2, 3, 4
            """;
        var wrong = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"""
            SELECT count(*)
              FROM (SELECT * FROM scoring.distribution_cells WHERE tenant_id = @tenant AND leads <> 0) c
              FULL JOIN ({counted}) r ON r.agent_id IS NOT DISTINCT FROM c.agent_id AND r.band = c.band AND r.grade = c.grade
                                     AND r.method = c.method
             WHERE c.leads IS DISTINCT FROM r.leads
            """, new { tenant }, tx.Transaction, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM scoring.distribution_cells WHERE tenant_id = @tenant",
            new { tenant }, tx.Transaction, cancellationToken: ct));
        var cells = await conn.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO scoring.distribution_cells (tenant_id, agent_id, band, grade, method, leads)
            SELECT @tenant, agent_id, band, grade, method, leads FROM ({counted}) r
            """, new { tenant }, tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (cells, wrong);
    }

    /// <summary>Tenants with scores or counts (row-level security hides them from an unbound connection).</summary>
    private async Task<IReadOnlyList<Guid>> KnownTenantsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenUnscopedAsync(ct);
        return [.. await conn.QueryAsync<Guid>(new CommandDefinition("SELECT scoring.known_tenants()", cancellationToken: ct))];
    }
}
