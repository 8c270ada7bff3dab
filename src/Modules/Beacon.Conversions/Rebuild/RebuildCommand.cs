using System.Globalization;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Conversions.Rebuild;

/// <summary>
/// <c>beacon conversions rebuild [--tenant ID]</c>: the conversion aggregates recomputed from the system of record —
/// each lead's facts from Leads, then the hourly funnel cells and their rollups, then the timing and attribution cells
/// from the facts and the deal cells from the deals — for one tenant or every tenant
/// Conversions knows. Bounded batches, safe beside running workers, and idempotent: a second run corrects 0 cells.
/// </summary>
internal sealed class RebuildCommand(Db db, FactsBackfill facts, CellsRebuild cells, TimingRebuild timing, TimeProvider clock)
{
    public async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var (ok, tenant) = await TenantArgument.ParseAsync(args, "conversions rebuild [--tenant ID]", output);
        if (!ok)
        {
            return 2;
        }

        var tenants = tenant is { } one ? [one] : await KnownTenantsAsync(ct);
        foreach (var t in tenants)
        {
            await output.WriteLineAsync(Line(t, await RebuildAsync(t, ct)));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{tenants.Count} tenant(s) rebuilt."));
        return 0;
    }

    public async Task<RebuildReport> RebuildAsync(Guid tenant, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var (leads, removed) = await facts.RunAsync(tenant, ct);
        var (written, corrected) = await cells.RunAsync(tenant, ct);
        var (timingWritten, timingCorrected) = await timing.RunAsync(tenant, ct);
        return new RebuildReport(leads, removed, written, corrected, timingWritten, timingCorrected, clock.GetElapsedTime(started));
    }

    private static string Line(Guid tenant, RebuildReport r) => string.Create(CultureInfo.InvariantCulture,
        $"{tenant}: {r.Leads} leads' facts refreshed, {r.FactsRemoved} of leads no longer live removed; {r.Cells} funnel cells written, " +
        $"{r.Corrected} were wrong; {r.TimingCells} timing, attribution and deal cells written, {r.TimingCorrected} were wrong; " +
        $"{r.Elapsed.TotalSeconds:0.0} s");

    /// <summary>Tenants with users or lead facts in Conversions (row-level security hides them from an unbound connection).</summary>
    private async Task<IReadOnlyList<Guid>> KnownTenantsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenUnscopedAsync(ct);
        return [.. await conn.QueryAsync<Guid>(new CommandDefinition("SELECT conversions.known_tenants()", cancellationToken: ct))];
    }
}

/// <param name="Corrected">Funnel cells (hourly, and daily rows) that were missing, miscounted or backed by no lead before the rebuild.</param>
/// <param name="TimingCorrected">Timing, attribution and deal cells (ADR 0035) that were missing, miscounted or backed by no lead.</param>
internal sealed record RebuildReport(long Leads, long FactsRemoved, long Cells, long Corrected, long TimingCells, long TimingCorrected,
    TimeSpan Elapsed);
