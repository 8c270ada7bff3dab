using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Workflows.Engine;

/// <summary>One text a step sent, as its send job and the gateway's callbacks read it.</summary>
internal sealed class SmsRow
{
    public Guid Id { get; set; }

    public Guid EnrollmentId { get; set; }

    public int StepIndex { get; set; }

    public string ToPhone { get; set; } = "";

    public string Body { get; set; } = "";

    public string Status { get; set; } = "";

    public string? Sid { get; set; }
}

/// <summary>The SQL of texts, SMS opt-outs and the inbox of inbound texts, inside the caller's tenant transaction.</summary>
internal static class SmsStore
{
    public const string SendJob = "workflows.send-sms";

    private const string Columns = "id, enrollment_id, step_index, to_phone, body, status, sid";

    /// <summary>Statuses in the order the gateway reports them; a late or repeated callback never moves a text back.</summary>
    private static readonly string[] Order = ["queued", "accepted", "sent", "delivered"];

    public static async Task QueueAsync(TenantTransaction tx, Guid enrollmentId, int step, Guid leadId, string to, string body,
        DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.sms_messages (tenant_id, id, enrollment_id, step_index, lead_id, to_phone, body, status, created_at, updated_at)
            VALUES (@tenant, @id, @enrollmentId, @step, @leadId, @to, @body, 'queued', @now, @now)
            """, new { tenant = tx.TenantId, id, enrollmentId, step, leadId, to, body, now }, tx.Transaction, cancellationToken: ct));
        tx.Enqueue(SendJob, new SmsDue(id), now);
    }

    public static Task<SmsRow?> LockAsync(TenantTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<SmsRow>(new CommandDefinition(
            $"SELECT {Columns} FROM workflows.sms_messages WHERE tenant_id = @tenant AND id = @id FOR UPDATE",
            new { tenant = tx.TenantId, id }, tx.Transaction, cancellationToken: ct));

    public static Task<SmsRow?> LockBySidAsync(TenantTransaction tx, string sid, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<SmsRow>(new CommandDefinition(
            $"SELECT {Columns} FROM workflows.sms_messages WHERE tenant_id = @tenant AND sid = @sid FOR UPDATE",
            new { tenant = tx.TenantId, sid }, tx.Transaction, cancellationToken: ct));

    /// <summary>True when <paramref name="status"/> is news for a text now at <paramref name="current"/>.</summary>
    public static bool Advances(string current, string status) =>
        current != "failed" && current != "delivered" && (status == "failed" || Array.IndexOf(Order, status) > Array.IndexOf(Order, current));

    public static Task UpdateAsync(TenantTransaction tx, Guid id, string status, string? sid, string? error, DateTimeOffset now,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE workflows.sms_messages SET status = @status, sid = coalesce(@sid, sid), error = coalesce(@error, error), updated_at = @now
             WHERE tenant_id = @tenant AND id = @id
            """, new { tenant = tx.TenantId, id, status, sid, error, now }, tx.Transaction, cancellationToken: ct));

    public static async Task<bool> OptedOutAsync(TenantTransaction tx, string phone, CancellationToken ct) =>
        await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM workflows.sms_opt_outs WHERE tenant_id = @tenant AND phone = @phone)",
            new { tenant = tx.TenantId, phone }, tx.Transaction, cancellationToken: ct));

    public static Task OptOutAsync(TenantTransaction tx, string phone, string keyword, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.sms_opt_outs (tenant_id, phone, keyword, at) VALUES (@tenant, @phone, @keyword, @now)
            ON CONFLICT (tenant_id, phone) DO UPDATE SET keyword = excluded.keyword, at = excluded.at
            """, new { tenant = tx.TenantId, phone, keyword, now }, tx.Transaction, cancellationToken: ct));

    public static Task OptInAsync(TenantTransaction tx, string phone, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM workflows.sms_opt_outs WHERE tenant_id = @tenant AND phone = @phone",
            new { tenant = tx.TenantId, phone }, tx.Transaction, cancellationToken: ct));

    /// <summary>Records an inbound text's id; false when it was already applied (the gateway retried its post).</summary>
    public static async Task<bool> FirstInboundAsync(TenantTransaction tx, string sid, DateTimeOffset now, CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.sms_inbound (tenant_id, sid, received_at) VALUES (@tenant, @sid, @now) ON CONFLICT DO NOTHING
            """, new { tenant = tx.TenantId, sid, now }, tx.Transaction, cancellationToken: ct)) == 1;

    /// <summary>The leads this brokerage has texted at <paramref name="phone"/>: whose enrollments a reply from it ends.</summary>
    public static async Task<IReadOnlyList<Guid>> LeadsTextedAtAsync(TenantTransaction tx, string phone, CancellationToken ct) =>
        [.. await tx.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT DISTINCT lead_id FROM workflows.sms_messages WHERE tenant_id = @tenant AND to_phone = @phone",
            new { tenant = tx.TenantId, phone }, tx.Transaction, cancellationToken: ct))];
}

/// <summary>The job that hands one queued text to the gateway.</summary>
internal sealed record SmsDue(Guid MessageId);
