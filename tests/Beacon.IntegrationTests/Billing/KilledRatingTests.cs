using Beacon.Billing;
using Beacon.TestKit;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Billing;

/// <summary>A server process killed in the middle of rating a month: the next one rates it again and converges.</summary>
public sealed class KilledRatingTests
{
    [Fact]
    public async Task A_rating_killed_mid_run_resumes_on_another_process_and_converges_on_one_numbered_invoice()
    {
        // A database of its own: the shared in-process server would claim the rating job too.
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        var now = TimeProvider.System.GetUtcNow();
        var month = BillingMonth.Of(now).Previous;
        var tenant = Guid.NewGuid();
        // Positional parameters take one statement per command.
        await database.ScalarAsync<int>("""
            INSERT INTO billing.subscriptions (tenant_id, plan_code, rated_through, created_at, updated_at)
            VALUES ($1, 'team', $2::date, $3, $3)
            """, tenant, month.Sql, month.Start.AddDays(-40));
        await database.ScalarAsync<int>("INSERT INTO billing.plan_periods (tenant_id, starts_at, plan_code) VALUES ($1, $2, 'team')",
            tenant, month.Start.AddDays(-40));
        await database.ScalarAsync<int>("INSERT INTO billing.invoice_counters (tenant_id, year, last_number) VALUES ($1, $2, 0)",
            tenant, now.Year);
        await database.ScalarAsync<int>("""
            INSERT INTO billing.usage (tenant_id, month, meter, idempotency_key, quantity, occurred_at)
            SELECT $1, $2::date, meter, meter || ':' || g, 1 + g % 3, $3
              FROM generate_series(1, 20000) g, unnest(ARRAY['leads_scored', 'workflow_sends', 'enrichment_calls']) meter
            """, tenant, month.Sql, month.Start.AddDays(2));

        // Hold the invoice counter: the rating upserts its draft and lines, then waits here to number the invoice.
        await using var holder = new NpgsqlConnection(database.AdminConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM billing.invoice_counters WHERE tenant_id = $1 FOR UPDATE", holder, hold))
        {
            lockRow.Parameters.AddWithValue(tenant);
            await lockRow.ExecuteScalarAsync();
        }

        var settings = Settings(database);
        var first = await ServerProcess.StartAsync(settings);
        await database.ScalarAsync<int>("""
            INSERT INTO platform.jobs (tenant_id, handler, message_id, payload)
            VALUES ($1, 'billing.rate-month', gen_random_uuid(), jsonb_build_object('month', $2::text))
            """, tenant, month.ToString());
        await database.ScalarAsync<int>("NOTIFY beacon_jobs");
        await Poller.UntilAsync(() => database.ScalarAsync<long>("""
            SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%invoice_counters%'
            """), n => n == 1, TimeSpan.FromSeconds(60), "the first process is rating, waiting to number the invoice");

        first.Kill();
        await first.DisposeAsync();
        await hold.RollbackAsync();
        (await database.ScalarAsync<long>("SELECT count(*) FROM billing.invoices WHERE tenant_id = $1", tenant))
            .ShouldBe(0, "the killed run left nothing behind");

        // The second process keeps the default claim: with 2 s, its own run (60,000 usage rows) was cut off at 1.6 s
        // on a loaded machine and retried until it was buried, so the invoice never came.
        var patient = new Dictionary<string, string?>(settings) { ["Beacon:Jobs:VisibilityTimeout"] = "00:05:00" };
        await using var second = await ServerProcess.StartAsync(patient);
        await Poller.UntilAsync(() => database.ScalarAsync<string>("SELECT status FROM billing.invoices WHERE tenant_id = $1", tenant),
            s => s == "open", TimeSpan.FromSeconds(90), "the second process rated and issued the month");

        var mismatches = await database.ScalarAsync<long>("""
            SELECT count(*) FROM (SELECT meter, sum(quantity) AS q FROM billing.usage WHERE tenant_id = $1 GROUP BY meter) u
              FULL JOIN (SELECT meter, quantity AS q FROM billing.invoice_lines WHERE tenant_id = $1 AND kind = 'usage') l USING (meter)
             WHERE u.q IS DISTINCT FROM l.q
            """, tenant);
        mismatches.ShouldBe(0, "every meter's invoice line is the sum of its distinct usage");
        (await database.ScalarAsync<string>("SELECT number FROM billing.invoices WHERE tenant_id = $1", tenant)).ShouldBe($"INV-{now.Year}-000001");
        (await database.ScalarAsync<int>("SELECT last_number FROM billing.invoice_counters WHERE tenant_id = $1", tenant)).ShouldBe(1);
        (await database.ScalarAsync<long>("SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'billing.invoice_issued'", tenant))
            .ShouldBe(1);
    }

    private static Dictionary<string, string?> Settings(TestDatabase database)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = database.AppConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = database.KeyEncryptionKey,
            ["Beacon:Jobs:PollInterval"] = "00:00:00.200",
            // The killed process's claim lapses quickly, so the next process may take the job over.
            ["Beacon:Jobs:VisibilityTimeout"] = "00:00:02",
            ["Beacon:Billing:SchedulerEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in BeaconFactory.QueueSettings)
        {
            settings.TryAdd(key, value);
        }

        return settings;
    }
}
