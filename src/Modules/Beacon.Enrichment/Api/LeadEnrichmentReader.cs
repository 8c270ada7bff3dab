using Beacon.Enrichment.Data;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Api;

/// <summary>Everything enrichment holds on one lead, in one round trip.</summary>
internal static class LeadEnrichmentReader
{
    public static async Task<LeadEnrichmentView> ReadAsync(Db db, Guid tenant, Guid leadId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        return await ReadAsync(conn, tenant, leadId, ct);
    }

    public static async Task<LeadEnrichmentView> ReadAsync(System.Data.Common.DbConnection conn, Guid tenant, Guid leadId,
        CancellationToken ct)
    {
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition("""
            SELECT lead_id AS LeadId, provider, state, detail, input_key AS InputKey, token, in_flight AS InFlight, attempts,
                lease_until AS LeaseUntil, poll_location AS PollLocation, next_at AS NextAt, started_at AS StartedAt,
                updated_at AS UpdatedAt, completed_at AS CompletedAt
            FROM enrichment.runs WHERE tenant_id = @tenant AND lead_id = @leadId ORDER BY provider;
            SELECT field, provider, value, confidence, fetched_at AS FetchedAt, expires_at AS ExpiresAt
            FROM enrichment.fields WHERE tenant_id = @tenant AND lead_id = @leadId ORDER BY field;
            SELECT field, provider, typed_value AS TypedValue, provider_value AS ProviderValue, recorded_at AS RecordedAt
            FROM enrichment.conflicts WHERE tenant_id = @tenant AND lead_id = @leadId ORDER BY field;
            SELECT objected_at AS ObjectedAt, reason FROM enrichment.objections WHERE tenant_id = @tenant AND lead_id = @leadId;
            SELECT kind, scheduled_for AS ScheduledFor, due_by AS DueBy, issued_at AS IssuedAt
            FROM enrichment.notices WHERE tenant_id = @tenant AND lead_id = @leadId;
            """, new { tenant, leadId }, cancellationToken: ct));
        var runs = (await grid.ReadAsync<RunRow>()).ToList();
        var fields = (await grid.ReadAsync<FieldRow>()).ToList();
        var conflicts = (await grid.ReadAsync<ConflictView>()).ToList();
        var objection = await grid.ReadSingleOrDefaultAsync<ObjectionView>();
        var notices = (await grid.ReadAsync<NoticeView>()).ToList();
        var steps = runs.Select(r => new ProviderStepView(r.Provider, r.State, r.Detail, r.Attempts,
            r.State == RunStates.Pending ? r.NextAt ?? r.LeaseUntil : null, r.UpdatedAt, r.CompletedAt,
            fields.Where(f => f.Provider == r.Provider).ToDictionary(f => f.Field[(f.Field.IndexOf('.', StringComparison.Ordinal) + 1)..],
                f => new FieldView(f.Value, f.Provider, f.FetchedAt, f.ExpiresAt, Math.Round(f.Confidence, 3))))).ToList();
        return new LeadEnrichmentView(leadId, runs.Any(r => r.State == RunStates.Pending), steps, conflicts, objection, notices);
    }

    private sealed record FieldRow(string Field, string Provider, string Value, float Confidence, DateTimeOffset FetchedAt,
        DateTimeOffset ExpiresAt);
}
