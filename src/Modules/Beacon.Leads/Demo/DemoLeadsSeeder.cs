using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Leads.Agents;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Beacon.Leads.Demo;

/// <summary>
/// Gives "Demo Realty" two years of lead history (see docs/demo-data.md). Runs once: a demo tenant that already has
/// leads is left alone. The demo users are written to the agent projection directly (their <c>user.joined</c>
/// events may not have been handled yet; both writes are the same upsert).
/// </summary>
internal sealed class DemoLeadsSeeder(Db db, TimeProvider clock, DemoSettings settings, ILogger<DemoLeadsSeeder> logger) : IDemoSeeder
{
    public int Order => 10;

    public async Task SeedAsync(CancellationToken ct)
    {
        var tenant = DemoTenant.TenantId;
        await using var tx = await db.BeginAsync(tenant, ct);
        if (await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM leads.leads WHERE tenant_id = @tenant)", new { tenant }, tx.Transaction, cancellationToken: ct)))
        {
            return;
        }

        foreach (var (id, _, name, role, team) in DemoTenant.Users)
        {
            await AgentRows.UpsertAsync(tx, id, name, role, team, true, ct);
        }

        var clockStart = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        var agents = DemoTenant.Users.Where(u => u.Role is Roles.Agent or Roles.TeamLead or Roles.Owner)
            .Select(u => (u.Id, u.Role switch { Roles.Agent => 0.45, Roles.TeamLead => 0.35, _ => 0.20 })).ToList();
        var generated = new DemoGenerator(settings.Seed, now, agents).Generate(settings.Leads).ToList();
        // The demo's leads arrive as one import, so its lead.imported has them scored and enriched like any other.
        var importId = Guid.CreateVersion7(now);
        var count = await DemoWriter.WriteAsync(tx, generated, settings.Seed, importId, ct);
        tx.Publish(new LeadImported(Guid.CreateVersion7(now), tenant, now, importId, "demo", count, 0, 0));
        await tx.CommitAsync(ct);
        logger.LogInformation("Seeded {Count} demo leads (seed {Seed}) in {Elapsed}", count, settings.Seed, clock.GetElapsedTime(clockStart));
    }
}
