using Beacon.Billing;
using Npgsql;

namespace Beacon.Bench.Billing;

/// <summary>Writes a subscription (Team plan all month) and N distinct usage rows across the eight meters.</summary>
internal static class UsageGenerator
{
    public static async Task GenerateAsync(string adminConnection, Guid tenant, BillingMonth month, int events, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync(ct);
        await ExecAsync(conn, """
            INSERT INTO billing.subscriptions (tenant_id, plan_code, rated_through, created_at, updated_at)
            VALUES ($1, 'team', $2::date, $3, $3)
            """, ct, tenant, month.Previous.Sql, month.Start.AddDays(-10));
        await ExecAsync(conn, "INSERT INTO billing.plan_periods (tenant_id, starts_at, plan_code) VALUES ($1, $2, 'team')", ct,
            tenant, month.Start.AddDays(-10));
        // In slices, so no single statement holds millions of rows' WAL and progress shows.
        const int slice = 1_000_000;
        for (var from = 1; from <= events; from += slice)
        {
            var to = Math.Min(events, from + slice - 1);
            await ExecAsync(conn, """
                INSERT INTO billing.usage (tenant_id, month, meter, idempotency_key, dimension, quantity, cost_cents, occurred_at)
                SELECT $1, $2::date,
                       (ARRAY['leads_captured','leads_imported','leads_scored','enrichment_calls','active_seats',
                              'assistant_messages','assistant_tokens','workflow_sends'])[1 + g % 8],
                       'bench:' || g, (ARRAY['', 'property', 'person', 'credit'])[1 + g % 4], 1 + g % 5, g % 3,
                       $3::timestamptz + (g % 2419200) * interval '1 second'
                  FROM generate_series($4::int, $5::int) g
                """, ct, tenant, month.Sql, month.Start, from, to);
        }

        await ExecAsync(conn, "ANALYZE billing.usage", ct);
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }
}
