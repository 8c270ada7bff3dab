using Beacon.Contracts.Identity;
using Beacon.Identity.Passwords;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Identity.Demo;

/// <summary>Seeds <see cref="DemoTenant"/>: its tenant row, a team and one user per role.</summary>
internal sealed class DemoTenantSeeder(Db db, PasswordService passwords, TimeProvider clock) : IDemoSeeder
{
    public int Order => 0;

    public async Task SeedAsync(CancellationToken ct)
    {
        var tenantId = DemoTenant.TenantId;
        await using var tx = await db.BeginAsync(tenantId, ct);
        if (await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM identity.tenants WHERE tenant_id = @tenantId)", new { tenantId }, tx.Transaction,
                cancellationToken: ct)))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var hash = passwords.Hash(PasswordService.DemoPassword);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identity.tenants (tenant_id, name, is_demo, created_at) VALUES (@tenantId, @name, true, @now);
            INSERT INTO identity.teams (tenant_id, id, name, created_at) VALUES (@tenantId, @team, 'Downtown', @now);
            """, new { tenantId, name = DemoTenant.Name, team = DemoTenant.TeamId, now }, tx.Transaction, cancellationToken: ct));
        foreach (var (id, email, displayName, role, teamId) in DemoTenant.Users)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                SELECT identity.claim_email(@email, @tenantId, @id);
                INSERT INTO identity.users (tenant_id, id, email, display_name, password_hash, role, team_id, created_at)
                VALUES (@tenantId, @id, @email, @displayName, @hash, @role, @teamId, @now);
                """, new { tenantId, id, email, displayName, hash, role, teamId, now }, tx.Transaction, cancellationToken: ct));
            tx.Publish(new UserJoined(Guid.CreateVersion7(), tenantId, now, id, email, displayName, role, teamId));
        }

        tx.Publish(new TenantCreated(Guid.CreateVersion7(), tenantId, now, DemoTenant.Name, DemoTenant.Users[0].Id));
        await tx.CommitAsync(ct);
    }
}
