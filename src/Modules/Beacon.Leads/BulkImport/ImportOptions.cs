using System.ComponentModel.DataAnnotations;

namespace Beacon.Leads.BulkImport;

/// <summary><c>Beacon:Leads:Import</c>.</summary>
internal sealed class ImportOptions
{
    public const string Section = "Beacon:Leads:Import";

    /// <summary>
    /// A file larger than this is imported in the background: the upload is answered <c>202</c> with the import's URL
    /// as soon as it is stored and checked, and progress is polled there. Smaller files are answered when done (201).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long BackgroundAboveBytes { get; set; } = 5 * 1024 * 1024;
}
