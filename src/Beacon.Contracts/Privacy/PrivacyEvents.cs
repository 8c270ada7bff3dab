using Beacon.Contracts.Events;

namespace Beacon.Contracts.Privacy;

/// <summary>A lead was erased (GDPR Art. 17): everything about the person is gone; only the id and the fact remain.</summary>
[EventName("lead.erased")]
public sealed record LeadErased(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, Guid? ActorId, string Basis)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>
/// The person objected to (or withdrew consent to) a purpose of processing: <c>profiling</c> stops scoring and
/// enrichment, <c>enrichment</c> stops enrichment. Modules delete what that processing produced.
/// </summary>
[EventName("lead.processing_objected")]
public sealed record LeadProcessingObjected(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, string Purpose)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>
/// Whether a lead's data may be used for a purpose. Implemented by the Privacy module; asked, in the caller's
/// transaction, by scoring and enrichment before they process a lead.
/// </summary>
public interface IProcessingObjections
{
    /// <summary>The leads among <paramref name="leadIds"/> whose person objected to any of <paramref name="purposes"/>.</summary>
    Task<IReadOnlySet<Guid>> ObjectedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        Guid tenantId, IReadOnlyCollection<Guid> leadIds, IReadOnlyCollection<string> purposes, CancellationToken ct);
}

/// <summary>The purposes of processing a person can consent to or object to.</summary>
public static class ProcessingPurposes
{
    public const string EmailMarketing = "email_marketing";
    public const string SmsMarketing = "sms_marketing";
    public const string Calls = "calls";
    public const string Profiling = "profiling";
    public const string Enrichment = "enrichment";

    public static IReadOnlyList<string> All { get; } = [EmailMarketing, SmsMarketing, Calls, Profiling, Enrichment];
}
