using System.Data.Common;
using System.Text.Json;
using Beacon.Contracts.Privacy;
using Beacon.Leads.Model;
using Dapper;

namespace Beacon.Leads.Privacy;

/// <summary>
/// Locks a live lead for erasure and says who the person is (what other tables may have copied into free text).
/// </summary>
internal sealed class ErasureSubjects : IErasureSubjects
{
    public async Task<DataSubject?> LockAsync(DbConnection connection, DbTransaction transaction, Guid tenantId, Guid leadId,
        CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SubjectRow>(new CommandDefinition("""
            SELECT first_name AS FirstName, last_name AS LastName, emails, phones FROM leads.leads
             WHERE tenant_id = @tenantId AND id = @leadId FOR UPDATE
            """, new { tenantId, leadId }, transaction, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        // A phone as a person types it appears in free text as its national digits (e.g. 9165550142) more often
        // than in E.164; search for both.
        var phones = row.Phones.Concat(row.Phones.Select(NationalDigits)).Where(p => p.Length >= 7).Distinct().ToList();
        var names = new[] { $"{row.FirstName} {row.LastName}".Trim(), row.FirstName, row.LastName }
            .Where(n => n is { Length: >= 3 }).Select(n => n!).Distinct().ToList();
        return new DataSubject(leadId, row.Emails, phones, names);
    }

    private static string NationalDigits(string e164) =>
        e164.StartsWith("+1", StringComparison.Ordinal) ? e164[2..] : e164.TrimStart('+');

    private sealed class SubjectRow
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string[] Emails { get; set; } = [];

        public string[] Phones { get; set; } = [];
    }
}

/// <summary>
/// Removes the lead, its timeline and dedupe keys, the demo's ground truth, stored capture answers that mention it and
/// rejected import rows that carry its e-mail or phone. The row itself goes (not a soft delete): the Privacy
/// module's tombstone is what remains, so a later capture of the same person becomes a new lead.
/// </summary>
internal sealed class LeadsEraser : IPersonalDataEraser
{
    public string Module => "leads";

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct)
    {
        var subject = context.Subject;
        var emails = subject.Emails.Select(e => e.ToLowerInvariant()).ToArray();
        var phoneDigits = subject.Phones.Select(p => new string([.. p.Where(char.IsAsciiDigit)])).Distinct().ToArray();
        return context.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM leads.activities WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM leads.identities WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM leads.demo_truth WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM leads.leads WHERE tenant_id = @tenant AND id = @lead;
            DELETE FROM leads.idempotency_keys WHERE tenant_id = @tenant
               AND (strpos(response, @leadText) > 0 OR EXISTS (SELECT 1 FROM unnest(@emails) e WHERE strpos(lower(response), e) > 0));
            DELETE FROM leads.import_errors WHERE tenant_id = @tenant AND raw IS NOT NULL
               AND (EXISTS (SELECT 1 FROM unnest(@emails) e WHERE strpos(lower(raw), e) > 0)
                 OR EXISTS (SELECT 1 FROM unnest(@digits) d WHERE strpos(regexp_replace(raw, '\D', '', 'g'), d) > 0));
            """, new { tenant = context.TenantId, lead = subject.LeadId, leadText = subject.LeadId.ToString(), emails, digits = phoneDigits },
            context.Transaction, cancellationToken: ct));
    }
}

/// <summary>The lead as stored, its whole timeline and its assignment history, for the Art. 15/20 export.</summary>
internal sealed class LeadsExporter : IPersonalDataExporter
{
    public string Section => "lead";

    public async Task<object?> ExportLeadAsync(ExportContext context, CancellationToken ct)
    {
        var lead = await context.Connection.QuerySingleOrDefaultAsync<LeadRow>(new CommandDefinition(
            $"SELECT {LeadRow.Columns} FROM leads.leads WHERE tenant_id = @tenant AND id = @lead AND deleted_at IS NULL",
            new { tenant = context.TenantId, lead = context.LeadId }, cancellationToken: ct));
        if (lead is null)
        {
            return null;
        }

        var timeline = (await context.Connection.QueryAsync<TimelineRow>(new CommandDefinition("""
            SELECT id, type, occurred_at AS OccurredAt, actor_id AS ActorId, body, data::text AS Data
              FROM leads.activities WHERE tenant_id = @tenant AND lead_id = @lead ORDER BY occurred_at, id
            """, new { tenant = context.TenantId, lead = context.LeadId }, cancellationToken: ct)))
            .Select(r => new TimelineEntry(r.Id, r.Type, r.OccurredAt, r.ActorId, r.Body, JsonDocument.Parse(r.Data).RootElement.Clone()))
            .ToList();
        return new LeadSection(LeadResponse.From(lead), timeline,
            [.. timeline.Where(t => t.Type == "assignment")], lead.AssignedTo);
    }
}

internal sealed record TimelineRow(Guid Id, string Type, DateTimeOffset OccurredAt, Guid? ActorId, string? Body, string Data);

internal sealed record TimelineEntry(Guid Id, string Type, DateTimeOffset OccurredAt, Guid? ActorId, string? Body, JsonElement Data);

internal sealed record LeadSection(LeadResponse Lead, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<TimelineEntry> Assignments, Guid? AssignedTo);

/// <summary>Leads the retention policy may erase: not converted (stage closed) or already deleted, inactive since a date.</summary>
internal sealed class RetentionCandidates : IRetentionCandidates
{
    public async Task<IReadOnlyList<Guid>> InactiveUnconvertedAsync(DbConnection connection, Guid tenantId, DateTimeOffset before,
        int limit, CancellationToken ct) =>
        [.. await connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT id FROM leads.leads
             WHERE tenant_id = @tenantId AND last_activity_at < @before AND (stage <> 'closed' OR deleted_at IS NOT NULL)
             ORDER BY last_activity_at, id LIMIT @limit
            """, new { tenantId, before, limit }, cancellationToken: ct))];
}
