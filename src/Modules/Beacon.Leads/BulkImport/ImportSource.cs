namespace Beacon.Leads.BulkImport;

/// <summary>
/// The spooled upload and the CSV reader over it: owned by the request, or handed to <see cref="BackgroundImports"/>
/// which then disposes it (deleting the temp file) when the import ends.
/// </summary>
internal sealed class ImportSource : IAsyncDisposable
{
    public ImportSource(UploadedFile file)
    {
        File = file;
        File.Stream.Position = 0;
        Csv = new CsvRecordReader(file.Stream);
    }

    public UploadedFile File { get; }

    public CsvRecordReader Csv { get; }

    public List<string> Header { get; } = [];

    /// <summary>Reads the header row (call once the file's checks passed); false with the reason when there is none.</summary>
    public bool TryReadHeader(out string error)
    {
        if (!Csv.TryRead(Header, out var headerError) || Header.TrueForAll(string.IsNullOrWhiteSpace))
        {
            error = "The file has no header row.";
            return false;
        }

        error = headerError is null ? "" : $"The header row is not valid: {headerError}";
        return headerError is null;
    }

    public int Percent() => File.Percent(Csv.Consumed);

    public async ValueTask DisposeAsync()
    {
        Csv.Dispose();
        await File.DisposeAsync();
    }
}
