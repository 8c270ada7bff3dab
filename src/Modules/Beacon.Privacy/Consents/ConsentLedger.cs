using System.Data.Common;
using Beacon.Contracts.Privacy;
using Dapper;

namespace Beacon.Privacy.Consents;

internal sealed record ConsentEntry(Guid Id, string Purpose, string Decision, string Source, string? TextShown, string? Reason,
    DateTimeOffset GivenAt, Guid? ActorId, DateTimeOffset RecordedAt);

/// <summary>Each purpose's current state: its latest decision, or <c>unknown</c> when none was recorded.</summary>
internal sealed record PurposeState(string Purpose, string Status, DateTimeOffset? Since, string? Source, string? TextShown);

internal sealed record ConsentView(Guid LeadId, IReadOnlyList<PurposeState> Purposes, IReadOnlyList<ConsentEntry> History);

/// <summary>The consent history of leads: read, current state per purpose, and whether processing is objected to.</summary>
internal sealed class ConsentLedger : IProcessingObjections, IPersonalDataExporter
{
    public string Section => "consents";

    public static async Task<ConsentView> ReadAsync(DbConnection conn, DbTransaction? tx, Guid tenant, Guid leadId,
        CancellationToken ct)
    {
        var history = (await conn.QueryAsync<ConsentEntry>(new CommandDefinition("""
            SELECT id, purpose, decision, source, text_shown AS TextShown, reason, given_at AS GivenAt, actor_id AS ActorId,
                   recorded_at AS RecordedAt
              FROM privacy.consents WHERE tenant_id = @tenant AND lead_id = @leadId ORDER BY recorded_at DESC, id DESC
            """, new { tenant, leadId }, tx, cancellationToken: ct))).ToList();
        var purposes = ProcessingPurposes.All.Select(p => history.FirstOrDefault(h => h.Purpose == p) is { } latest
            ? new PurposeState(p, latest.Decision, latest.GivenAt, latest.Source, latest.TextShown)
            : new PurposeState(p, "unknown", null, null, null)).ToList();
        return new ConsentView(leadId, purposes, history);
    }

    public async Task<IReadOnlySet<Guid>> ObjectedAsync(DbConnection connection, DbTransaction? transaction, Guid tenantId,
        IReadOnlyCollection<Guid> leadIds, IReadOnlyCollection<string> purposes, CancellationToken ct)
    {
        if (leadIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var objected = await connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT lead_id FROM (
                SELECT DISTINCT ON (lead_id, purpose) lead_id, decision FROM privacy.consents
                 WHERE tenant_id = @tenantId AND lead_id = ANY(@ids) AND purpose = ANY(@purposes)
                 ORDER BY lead_id, purpose, recorded_at DESC, id DESC) latest
             WHERE decision IN ('objected', 'withdrawn')
            """, new { tenantId, ids = leadIds.ToArray(), purposes = purposes.ToArray() }, transaction, cancellationToken: ct));
        return objected.ToHashSet();
    }

    public async Task<object?> ExportLeadAsync(ExportContext context, CancellationToken ct) =>
        await ReadAsync(context.Connection, null, context.TenantId, context.LeadId, ct);
}
