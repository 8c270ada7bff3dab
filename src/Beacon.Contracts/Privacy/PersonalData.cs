using System.Data.Common;

namespace Beacon.Contracts.Privacy;

/// <summary>
/// Who a lead is, as the Leads module held them when the erasure took its lock: the values other modules may have
/// copied into free text (a rejected import row, a stored API response, an event payload) and must search for.
/// Phones are given both normalised (E.164) and as entered.
/// </summary>
public sealed record DataSubject(Guid LeadId, IReadOnlyList<string> Emails, IReadOnlyList<string> Phones,
    IReadOnlyList<string> Names)
{
    /// <summary>Every identifying value, non-empty and distinct.</summary>
    public IReadOnlyList<string> Identifiers =>
        [.. Emails.Concat(Phones).Concat(Names).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The values that name this person and no one else: e-mails, phones and the full name, not a first or last name
    /// alone ("Ann" is in "annual"). For deciding what to delete that may belong to others, such as queued work.
    /// </summary>
    public IReadOnlyList<string> DistinctiveIdentifiers =>
        [.. Identifiers.Where(v => Emails.Contains(v) || Phones.Contains(v) || v.Contains(' ', StringComparison.Ordinal))];
}

/// <summary>
/// One erasure in progress: the transaction (bound to <see cref="TenantId"/>, row-level security applies) in which
/// every module removes what it holds about <see cref="Subject"/>. All of it commits together or not at all.
/// </summary>
public sealed record ErasureContext(DbConnection Connection, DbTransaction Transaction, Guid TenantId, DataSubject Subject,
    DateTimeOffset Now);

/// <summary>
/// Implemented by every module that stores personal data of leads (GDPR Art. 17). Called by the Privacy module's
/// erasure, in one transaction with all the others; must leave no copy of the person's data in the module's tables.
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>A stable name for logs and the erasure record, e.g. <c>leads</c>.</summary>
    string Module { get; }

    /// <summary>
    /// Erasers run in ascending order. A module whose rows a finishing job's transaction locks last (the queue, the
    /// event log) runs after the modules whose own locks such a job may still hold, or the two would deadlock.
    /// </summary>
    int Order => 0;

    Task EraseLeadAsync(ErasureContext context, CancellationToken ct);
}

/// <summary>A read of one lead's data for an export, on a connection bound to <see cref="TenantId"/>.</summary>
public sealed record ExportContext(DbConnection Connection, Guid TenantId, Guid LeadId);

/// <summary>
/// Implemented by every module that stores data about a lead (GDPR Art. 15/20): its section of the lead's export,
/// as plain records that serialise to JSON; null when the module holds nothing about the lead.
/// </summary>
public interface IPersonalDataExporter
{
    /// <summary>The section's name in the export document, e.g. <c>enrichment</c>.</summary>
    string Section { get; }

    Task<object?> ExportLeadAsync(ExportContext context, CancellationToken ct);
}

/// <summary>
/// Implemented by the Leads module: locks a live lead for erasure in the caller's transaction and says who it is;
/// null when the lead is unknown or already gone.
/// </summary>
public interface IErasureSubjects
{
    Task<DataSubject?> LockAsync(DbConnection connection, DbTransaction transaction, Guid tenantId, Guid leadId,
        CancellationToken ct);
}

/// <summary>
/// Implemented by the Leads module for the retention policy: leads never converted (or deleted) whose last activity
/// is before <paramref name="before"/>, oldest first, at most <paramref name="limit"/>.
/// </summary>
public interface IRetentionCandidates
{
    Task<IReadOnlyList<Guid>> InactiveUnconvertedAsync(DbConnection connection, Guid tenantId, DateTimeOffset before, int limit,
        CancellationToken ct);
}
