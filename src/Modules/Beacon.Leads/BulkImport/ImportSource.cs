using System.Text;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// The spooled upload and the CSV reader over it: owned by the request, or handed to <see cref="BackgroundImports"/>
/// which then disposes it (deleting the temp file) when the import ends.
/// </summary>
internal sealed class ImportSource : IAsyncDisposable
{
    private readonly StreamReader _text;

    public ImportSource(UploadedFile file)
    {
        File = file;
        File.Stream.Position = 0;
        _text = new StreamReader(file.Stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        Csv = new CsvRecordReader(_text);
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
        _text.Dispose();
        await File.DisposeAsync();
    }
}
