using System.Security.Claims;
using Beacon.Contracts.Enrichment;
using Beacon.Enrichment.Data;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Enrichment.Privacy;

/// <summary>
/// An objection stops enrichment of the lead for good: every step gets a new token (calls in flight are discarded
/// when they return), its state says so, and the data already obtained is deleted. Under the lead's lock, so a
/// dispatch deciding at the same moment either sees the objection or has its steps stopped here, and a result being
/// written is either deleted here or discarded.
/// </summary>
internal static class Objections
{
    public static async Task RecordAsync(Db db, ClaimsPrincipal user, Guid leadId, string? reason, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        await ApplyAsync(tx, user.UserId(), leadId, reason, now, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Records the objection and stops and deletes enrichment, in <paramref name="tx"/> (not committed here).</summary>
    public static async Task ApplyAsync(TenantTransaction tx, Guid? actor, Guid leadId, string? reason, DateTimeOffset now,
        CancellationToken ct)
    {
        await Runs.LockLeadAsync(tx, leadId, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO enrichment.objections (tenant_id, lead_id, reason, recorded_by, objected_at)
            VALUES (@tenant, @leadId, @reason, @userId, @now) ON CONFLICT (tenant_id, lead_id) DO NOTHING;
            DELETE FROM enrichment.fields WHERE tenant_id = @tenant AND lead_id = @leadId;
            DELETE FROM enrichment.conflicts WHERE tenant_id = @tenant AND lead_id = @leadId;
            DELETE FROM enrichment.cache WHERE tenant_id = @tenant AND source_lead_id = @leadId;
            DELETE FROM enrichment.credit_consents WHERE tenant_id = @tenant AND lead_id = @leadId;
            """, new { tenant = tx.TenantId, leadId, reason, userId = actor, now }, tx.Transaction, cancellationToken: ct));
        var stopped = await tx.Connection.QueryAsync<string>(new CommandDefinition("""
            UPDATE enrichment.runs SET state = 'skipped_no_consent', detail = 'the person objected to enrichment',
                token = gen_random_uuid(), in_flight = false, next_at = NULL, poll_location = NULL, updated_at = @now, completed_at = @now
            WHERE tenant_id = @tenant AND lead_id = @leadId AND state <> 'skipped_no_consent'
            RETURNING provider
            """, new { tenant = tx.TenantId, leadId, now }, tx.Transaction, cancellationToken: ct));
        foreach (var provider in stopped)
        {
            tx.Publish(new LeadEnriched(Guid.CreateVersion7(), tx.TenantId, now, leadId, provider, "skipped_no_consent", []));
        }
    }
}
