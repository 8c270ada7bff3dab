using Npgsql;

namespace Beacon.Bench.Workflows;

/// <summary>
/// Seeds one brokerage straight into the database (as the engine itself would have left it): sending settings, a one-step
/// e-mail workflow, <c>n</c> leads each enrolled with step 1 due at a random moment of the window, and each step's job in
/// the queue for that moment. The due times are kept in <c>bench.due</c>, since a finished enrollment forgets its own.
/// </summary>
internal static class EnrollmentSeed
{
    public static async Task<(Guid Tenant, DateTimeOffset WindowStart, DateTimeOffset Committed)> SeedAsync(string adminConnection, int count,
        TimeSpan window, TimeSpan lead, string timeZone, CancellationToken ct)
    {
        var tenant = Guid.CreateVersion7();
        var workflow = Guid.CreateVersion7();
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecuteAsync(conn, tx, """
            CREATE SCHEMA IF NOT EXISTS bench;
            CREATE TABLE IF NOT EXISTS bench.due (tenant_id uuid, n int, lead_id uuid, enrollment_id uuid, offset_ms int, due_at timestamptz,
                PRIMARY KEY (tenant_id, enrollment_id))
            """, ct);
        await ExecuteAsync(conn, tx, """
            INSERT INTO workflows.settings (tenant_id, postal_address, time_zone, max_messages_per_day, updated_at)
            VALUES (@tenant, 'Acme Realty, 1 Main St, Springfield, IL 62701', @zone, 50, now());
            INSERT INTO workflows.definitions (tenant_id, id, name, active, version, created_at, updated_at)
            VALUES (@tenant, @workflow, 'Bench follow-up', true, 1, now(), now());
            INSERT INTO workflows.versions (tenant_id, workflow_id, version, trigger, steps, created_at)
            VALUES (@tenant, @workflow, 1, '{"type":"lead_created"}',
                    '[{"type":"email","subject":"Hi {{lead.firstName|there}}","body":"Still looking for a home, {{lead.firstName|there}}?"}]', now());
            INSERT INTO bench.due (tenant_id, n, lead_id, enrollment_id, offset_ms)
            SELECT @tenant, g, gen_random_uuid(), gen_random_uuid(), (random() * @windowMs)::int FROM generate_series(1, @count) g;
            INSERT INTO leads.leads (tenant_id, id, first_name, emails, source, type, created_at, updated_at, last_activity_at)
            SELECT @tenant, lead_id, 'Lead ' || n, ARRAY['lead' || n || '@bench.test'], 'api', 'buyer', now(), now(), now()
              FROM bench.due WHERE tenant_id = @tenant;
            """, ct, ("tenant", tenant), ("workflow", workflow), ("zone", timeZone), ("windowMs", (int)window.TotalMilliseconds), ("count", count));
        // The window opens a little after the commit, so that every step is in the queue before its time.
        await using (var start = new NpgsqlCommand("SELECT clock_timestamp() + @lead", conn, tx))
        {
            start.Parameters.AddWithValue("lead", lead);
            var windowStart = new DateTimeOffset((DateTime)(await start.ExecuteScalarAsync(ct))!, TimeSpan.Zero);
            await ExecuteAsync(conn, tx, """
                UPDATE bench.due SET due_at = @start + offset_ms * interval '1 millisecond' WHERE tenant_id = @tenant;
                INSERT INTO workflows.enrollments (tenant_id, id, workflow_id, version, lead_id, status, current_step, next_fire_at, enrolled_at, updated_at)
                SELECT @tenant, enrollment_id, @workflow, 1, lead_id, 'active', 0, due_at, now(), now() FROM bench.due WHERE tenant_id = @tenant;
                INSERT INTO platform.jobs (tenant_id, handler, message_id, payload, run_at, lane)
                SELECT @tenant, 'workflows.step', gen_random_uuid(), jsonb_build_object('enrollmentId', enrollment_id, 'step', 0), due_at, 'interactive'
                  FROM bench.due WHERE tenant_id = @tenant;
                """, ct, ("tenant", tenant), ("workflow", workflow), ("start", windowStart));
            await tx.CommitAsync(ct);
            return (tenant, windowStart, TimeProvider.System.GetUtcNow());
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }
}
