namespace Beacon.Leads.BulkImport;

/// <summary>
/// U+0000 cannot be stored in PostgreSQL text. A file holding one is refused before anything is written, naming the
/// row and column, rather than failing half-way through (a 500 once it reached the database).
/// </summary>
internal static class NulCharacters
{
    /// <summary>The first record (0 = the header) holding a NUL and its column's name, or null when no parsable record has one.</summary>
    public static (long Row, string? Column)? Find(Stream stream)
    {
        stream.Position = 0;
        try
        {
            using var csv = new CsvRecordReader(stream);
            var fields = new List<string>();
            List<string> header = [];
            for (long row = 0; csv.TryRead(fields, out _); row++)
            {
                var column = fields.FindIndex(f => f.Contains('\0', StringComparison.Ordinal));
                if (column >= 0)
                {
                    return (row, row == 0 || column >= header.Count ? null : header[column].Trim());
                }

                if (row == 0)
                {
                    header = [.. fields];
                }
            }

            return null;
        }
        finally
        {
            stream.Position = 0;
        }
    }
}
