using Beacon.Contracts.Identity;
using Beacon.Scoring.Training;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Beacon.Scoring.Demo;

/// <summary>
/// Gives Demo Realty its first model, so a first start shows model scores, not only rules: it trains on the demo
/// history's matured outcomes (closed / lost leads, never <c>leads.demo_truth</c>) through the same
/// <see cref="Trainer"/> and publish gate as any retrain. A refused model is registered as rejected and the
/// scorecard scores. Runs once: a demo tenant with any registered model (even a rejected one) is left alone.
/// </summary>
internal sealed class DemoModelSeeder(Db db, Trainer trainer, TimeProvider clock, ILogger<DemoModelSeeder> logger) : IDemoSeeder
{
    // After the leads seeder (10): training reads the history it wrote.
    public int Order => 20;

    public async Task SeedAsync(CancellationToken ct)
    {
        var tenant = DemoTenant.TenantId;
        await using var tx = await db.BeginAsync(tenant, ct);
        // The trainer's own registry lock, taken first, so two nodes starting together do not both train.
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('scoring.models:' || @tenant::text, 0))",
            new { tenant }, tx.Transaction, cancellationToken: ct));
        if (await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM scoring.models WHERE tenant_id = @tenant)", new { tenant }, tx.Transaction,
                cancellationToken: ct)))
        {
            return;
        }

        var started = clock.GetTimestamp();
        var outcome = await trainer.TrainAsync(tx, null, "Demo seed: first model from the demo history", null, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Demo model v{Version} is {Status} ({Gate}) after {Elapsed}", outcome.Version, outcome.Status,
            outcome.GateReason, clock.GetElapsedTime(started));
    }
}
