using System.Text;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// The upload, spooled to a temp file (deleted on close) so that no file is ever held in memory, its encoding can be
/// checked before anything is written, and progress is the share of the file read.
/// </summary>
internal sealed class UploadedFile : IAsyncDisposable
{
    private UploadedFile(FileStream stream) => Stream = stream;

    public FileStream Stream { get; }

    public long Length => Stream.Length;

    /// <summary>Whether <see cref="CheckUtf8Async"/> saw a NUL byte (U+0000) anywhere in the file.</summary>
    public bool HasNul { get; private set; }

    public static async Task<UploadedFile> SpoolAsync(Stream body, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"beacon-import-{Guid.NewGuid():N}.csv");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await body.CopyToAsync(stream, 1 << 16, ct);
            stream.Position = 0;
            return new UploadedFile(stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Null when the whole file is valid UTF-8 (a BOM is fine); else where and why it is not.</summary>
    public async Task<string?> CheckUtf8Async(CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        long offset = 0, lines = 1;
        Stream.Position = 0;
        int read;
        while ((read = await Stream.ReadAsync(buffer, ct)) > 0)
        {
            if (offset == 0 && read >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)))
            {
                return "The file is UTF-16; save it as CSV UTF-8.";
            }

            try
            {
                decoder.GetCharCount(buffer, 0, read, flush: false);
            }
            catch (DecoderFallbackException e)
            {
                var at = Math.Max(0, e.Index);
                lines += buffer.AsSpan(0, Math.Min(at, read)).Count((byte)'\n');
                return $"The file is not UTF-8 near byte {offset + at} (line {lines}); it looks like Latin-1/Windows-1252. Save it as CSV UTF-8.";
            }

            HasNul |= buffer.AsSpan(0, read).Contains((byte)0);
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            offset += read;
        }

        Stream.Position = 0;
        return null;
    }

    public int Percent(long consumed) => Length == 0 ? 100 : (int)Math.Min(99, consumed * 100 / Length);

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
