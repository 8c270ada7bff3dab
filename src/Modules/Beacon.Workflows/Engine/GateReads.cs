using Beacon.SharedKernel.Database;
using Beacon.Workflows.Settings;
using Dapper;

namespace Beacon.Workflows.Engine;

/// <summary>
/// What the message gate reads from this module's tables, in one statement: the brokerage's settings, whether the lead
/// unsubscribed from workflow e-mail, and the lead's workflow sends of the last 24 hours (oldest first) for the cap.
/// The sends are found from the lead's few enrollments (<c>OFFSET 0</c> keeps the planner from turning the join around):
/// joined the other way, a plan made while the history was small scanned the brokerage's whole history on every step,
/// a cost that grew with the number of enrollments.
/// </summary>
internal sealed record GateReads(WorkflowSettings? Settings, bool Suppressed, DateTimeOffset[] RecentSends)
{
    public static async Task<GateReads> ReadAsync(TenantTransaction tx, string channel, Guid leadId, DateTimeOffset since,
        CancellationToken ct)
    {
        var row = await tx.Connection.QuerySingleAsync<Row>(new CommandDefinition("""
            SELECT s.postal_address, s.time_zone, s.max_messages_per_day,
                   (@email AND EXISTS (SELECT 1 FROM workflows.suppressions WHERE tenant_id = @tenant AND lead_id = @leadId)) AS suppressed,
                   ARRAY(SELECT h.at FROM workflows.enrollments e
                           CROSS JOIN LATERAL (SELECT h.at FROM workflows.history h
                                                WHERE h.tenant_id = e.tenant_id AND h.enrollment_id = e.id AND h.at > @since
                                                  AND h.status = 'sent' OFFSET 0) h
                          WHERE e.tenant_id = @tenant AND e.lead_id = @leadId
                          ORDER BY h.at) AS recent_sends
              FROM (VALUES (1)) one (x) LEFT JOIN workflows.settings s ON s.tenant_id = @tenant
            """, new { tenant = tx.TenantId, leadId, since, email = channel == "email" }, tx.Transaction, cancellationToken: ct));
        var settings = row.PostalAddress is null ? null : new WorkflowSettings(row.PostalAddress, row.TimeZone!, row.MaxMessagesPerDay);
        return new GateReads(settings, row.Suppressed, [.. row.RecentSends.Select(at => new DateTimeOffset(at, TimeSpan.Zero))]);
    }

    private sealed class Row
    {
        public string? PostalAddress { get; set; }

        public string? TimeZone { get; set; }

        public int? MaxMessagesPerDay { get; set; }

        public bool Suppressed { get; set; }

        public DateTime[] RecentSends { get; set; } = [];
    }
}
