using Beacon.Contracts.Privacy;
using Beacon.Privacy.Erasure;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Privacy.Retention;

/// <summary>
/// Erases, through the ordinary erasure path, every lead of a tenant with a retention policy that never converted
/// (or was deleted) and has had no activity for the policy's months. <paramref name="now"/> is explicit so the sweep
/// can be judged at any date.
/// </summary>
internal sealed class RetentionSweep(Db db, LeadErasure erasure, IRetentionCandidates candidates, IOptions<RetentionOptions> options)
{
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<(Guid TenantId, int InactiveMonths)> policies;
        await using (var conn = await db.OpenUnscopedAsync(ct))
        {
            policies = [.. await conn.QueryAsync<(Guid, int)>(new CommandDefinition(
                "SELECT tenant_id, inactive_months FROM privacy.tenants_with_retention()", cancellationToken: ct))];
        }

        var total = 0;
        foreach (var (tenantId, months) in policies)
        {
            total += await RunTenantAsync(tenantId, months, now, ct);
        }

        return total;
    }

    private async Task<int> RunTenantAsync(Guid tenantId, int months, DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<Guid> due;
        await using (var conn = await db.OpenAsync(tenantId, ct))
        {
            due = await candidates.InactiveUnconvertedAsync(conn, tenantId, now.AddMonths(-months), options.Value.BatchSize, ct);
        }

        var erased = 0;
        foreach (var leadId in due)
        {
            if (await erasure.EraseAsync(tenantId, leadId, null, ErasureBasis.Retention,
                    $"retention policy: no activity for {months} months", ct) == ErasureOutcome.Erased)
            {
                erased++;
            }
        }

        await using var done = await db.OpenAsync(tenantId, ct);
        await done.ExecuteAsync(new CommandDefinition(
            "UPDATE privacy.retention_policies SET last_run_at = @now, last_run_erased = @erased WHERE tenant_id = @tenantId",
            new { tenantId, now, erased }, cancellationToken: ct));
        return erased;
    }
}
