using Beacon.Leads.Model;

namespace Beacon.Leads.BulkImport;

/// <summary>A valid CSV record (its 1-based data row number and the lead it describes).</summary>
internal sealed record ImportRow(long RowNo, LeadDraft Draft);

/// <summary>A rejected CSV record: which field and why, with the record as it was (for the error file).</summary>
internal sealed record ImportError(long RowNo, string Field, string Reason, string? Raw);
