namespace Beacon.Leads.BulkImport;

/// <summary>What an import did (or, for a dry run, would do): rows created, merged and rejected, with reasons.</summary>
internal sealed record ImportSummary(
    Guid? Id,
    string Status,
    bool DryRun,
    long Rows,
    long Created,
    long Merged,
    long Rejected,
    int Percent,
    IReadOnlyDictionary<string, string?> Mapping,
    IReadOnlyList<ImportError> Errors,
    string? Error = null);

/// <summary>One run of an import over a file: which import, who, what to skip (rows a crashed run committed).</summary>
internal sealed record ImportRun(Guid ImportId, Guid Actor, bool DryRun, long SkipRows, string DefaultSource, int ChunkSize);
