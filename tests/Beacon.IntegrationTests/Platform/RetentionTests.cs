using Beacon.SharedKernel.Retention;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// The retention purges, run as the sweep runs them but inside a transaction this test rolls back (a sweep spans all
/// tenants, and parallel tests own the rest of the database), with rows given explicit ages.
/// </summary>
public sealed class RetentionTests(BeaconApp app)
{
    [Fact]
    public async Task Old_streamed_events_inbox_entries_and_idempotency_keys_are_purged_but_unstreamed_and_young_ones_stay()
    {
        var tenant = Guid.NewGuid();
        await using var conn = new NpgsqlConnection(app.Database.AdminConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await ExecAsync(conn, tx, """
            INSERT INTO platform.events (tenant_id, id, type, payload, occurred_at, recorded_at, streamed_at) VALUES
              ($1, gen_random_uuid(), 'old.streamed', '{}', now(), now() - interval '40 days', now() - interval '40 days'),
              ($1, gen_random_uuid(), 'old.unstreamed', '{}', now(), now() - interval '40 days', NULL),
              ($1, gen_random_uuid(), 'young.streamed', '{}', now(), now() - interval '2 days', now());
            """, tenant);
        await ExecAsync(conn, tx, """
            INSERT INTO platform.inbox (tenant_id, handler, message_id, processed_at) VALUES
              ($1, 'old', gen_random_uuid(), now() - interval '20 days'), ($1, 'young', gen_random_uuid(), now() - interval '1 day')
            """, tenant);
        await ExecAsync(conn, tx, """
            INSERT INTO leads.idempotency_keys (tenant_id, key, request_hash, created_at) VALUES
              ($1, 'old', '\x00', now() - interval '2 days'), ($1, 'young', '\x00', now() - interval '1 hour');
            """, tenant);

        var rules = app.Factory.Services.GetServices<RetentionRule>().ToDictionary(r => r.Name);
        foreach (var rule in rules.Values)
        {
            await ExecAsync(conn, tx, $"SELECT {rule.PurgeFunction}(now() - $1::interval, 1000)", rule.DefaultAge);
        }

        (await ListAsync(conn, tx, "SELECT type FROM platform.events WHERE tenant_id = $1 ORDER BY type", tenant))
            .ShouldBe(["old.unstreamed", "young.streamed"], "an event not yet on the live stream is never purged");
        (await ListAsync(conn, tx, "SELECT handler FROM platform.inbox WHERE tenant_id = $1", tenant)).ShouldBe(["young"]);
        (await ListAsync(conn, tx, "SELECT key FROM leads.idempotency_keys WHERE tenant_id = $1", tenant)).ShouldBe(["young"]);
        rules.Keys.ShouldBe(["platform.events", "platform.inbox", "leads.idempotency_keys"], ignoreOrder: true);
        await tx.RollbackAsync();
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, object parameter)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue(parameter);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, Guid tenant)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue(tenant);
        var list = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
