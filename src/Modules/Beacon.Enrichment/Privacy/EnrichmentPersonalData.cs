using Beacon.Contracts.Privacy;
using Beacon.Enrichment.Api;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Enrichment.Privacy;

/// <summary>
/// Everything enrichment holds on the lead: steps, fields, conflicts, the cache entries it filled or that name the
/// person, consents, objections and notices. A call still in flight carries a token that no longer exists, so its
/// result is discarded when it returns.
/// </summary>
internal sealed class EnrichmentEraser : IPersonalDataEraser
{
    public string Module => "enrichment";

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct) =>
        context.Connection.ExecuteAsync(new CommandDefinition("""
            SELECT pg_advisory_xact_lock(hashtextextended('enrichment.lead:' || @tenant::text || ':' || @lead::text, 0));
            DELETE FROM enrichment.runs WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM enrichment.fields WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM enrichment.conflicts WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM enrichment.credit_consents WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM enrichment.objections WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM enrichment.notices WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM enrichment.cache WHERE tenant_id = @tenant
               AND (source_lead_id = @lead OR EXISTS (SELECT 1 FROM unnest(@identifiers) v WHERE strpos(lower(fields::text), lower(v)) > 0));
            """, new { tenant = context.TenantId, lead = context.Subject.LeadId, identifiers = context.Subject.Identifiers.ToArray() },
            context.Transaction, cancellationToken: ct));
}

/// <summary>What enrichment learned, from which provider and when (provenance), conflicts, the credit consent and notices.</summary>
internal sealed class EnrichmentExporter : IPersonalDataExporter
{
    public string Section => "enrichment";

    public async Task<object?> ExportLeadAsync(ExportContext context, CancellationToken ct)
    {
        var view = await LeadEnrichmentReader.ReadAsync(context.Connection, context.TenantId, context.LeadId, ct);
        var credit = await context.Connection.QuerySingleOrDefaultAsync<CreditConsentExport>(new CommandDefinition("""
            SELECT notice_version AS NoticeVersion, agreed, agreed_at AS AgreedAt, ip, purpose,
                   to_char(date_of_birth, 'YYYY-MM-DD') AS DateOfBirth, recorded_at AS RecordedAt
              FROM enrichment.credit_consents WHERE tenant_id = @tenant AND lead_id = @lead
            """, new { tenant = context.TenantId, lead = context.LeadId }, cancellationToken: ct));
        return new EnrichmentSection(view, credit);
    }
}

internal sealed record CreditConsentExport(string NoticeVersion, bool Agreed, DateTimeOffset AgreedAt, string Ip, string Purpose,
    string? DateOfBirth, DateTimeOffset RecordedAt);

internal sealed record EnrichmentSection(LeadEnrichmentView Enrichment, CreditConsentExport? CreditConsent);

/// <summary>An objection to profiling or to enrichment, recorded by the Privacy module, stops and deletes enrichment here.</summary>
internal sealed class StopEnrichmentOnObjection(TimeProvider clock) : IEventHandler<LeadProcessingObjected>
{
    public Task HandleAsync(LeadProcessingObjected e, TenantTransaction tx, CancellationToken ct) =>
        e.Purpose is ProcessingPurposes.Profiling or ProcessingPurposes.Enrichment
            ? Objections.ApplyAsync(tx, null, e.LeadId, $"objected to {e.Purpose}", clock.GetUtcNow(), ct)
            : Task.CompletedTask;
}
