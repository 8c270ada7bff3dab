using System.Text;
using CsvHelper;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// The records of an uploaded CSV, read by CsvHelper (RFC 4180: quoted fields with doubled quotes and embedded line
/// breaks; CRLF, LF or lone CR line endings; a UTF-8 BOM skipped), streamed from the file a buffer at a time. What
/// CsvHelper recovers from silently is a row error here, because an import must say which rows it did not take as
/// written: a quote inside an unquoted field, text after a closing quote, an unterminated quote, an over-long field,
/// too many columns. An unterminated quote would otherwise swallow the rest of the file as one field: its row is
/// reported and reading resumes at the line after it, so one bad row cannot take the rows behind it along.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    /// <summary>How much of the file an unterminated quote may swallow before reading stops (a backstop against hostile input).</summary>
    public const int MaxRecordBytes = 16 << 20;

    private readonly int _maxField;
    private readonly int _maxColumns;
    private readonly Dictionary<long, CsvMalformedReason> _malformed = [];
    private readonly CsvReader _csv;
    private readonly long _offset;
    private CsvRecordReader? _rest;
    private bool _ended;

    /// <param name="utf8">The file (checked to be UTF-8 beforehand), read from its current position; left open.</param>
    public CsvRecordReader(Stream utf8, int maxField = 10_000, int maxColumns = 200)
        : this(o => CsvReader.Create(utf8, o, leaveOpen: true), maxField, maxColumns, 0)
    {
    }

    private CsvRecordReader(Func<CsvReaderOptions, CsvReader> open, int maxField, int maxColumns, long offset)
    {
        _maxField = maxField;
        _maxColumns = maxColumns;
        _offset = offset;
        _csv = open(Options());
    }

    /// <summary>Bytes of the file read so far, up to the end of the current record (progress).</summary>
    public long Consumed => _rest?.Consumed ?? _offset + _csv.ByteOffset + _csv.RawRecord.Length;

    /// <summary>The current record as it is in the file (for the error report), decoded from its UTF-8 bytes.</summary>
    public string Raw => _rest?.Raw ?? Encoding.UTF8.GetString(_csv.RawRecord);

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    public bool TryRead(List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        if (_rest is not null)
        {
            return _rest.TryRead(fields, out error);
        }

        if (_ended)
        {
            return false;
        }

        try
        {
            if (!_csv.Read())
            {
                return false;
            }
        }
        catch (CsvFormatException)
        {
            _ended = true;
            error = $"An unterminated quoted field (a \" opens a field that never closes); the {MaxRecordBytes >> 20} MB after it were not read.";
            return true;
        }

        if (_malformed.Remove(_csv.RowNumber, out var reason))
        {
            error = Describe(reason);
            if (reason == CsvMalformedReason.UnterminatedQuote)
            {
                ResumeAfterFirstLine();
            }

            return true;
        }

        if (_csv.FieldCount > _maxColumns)
        {
            error = $"More than {_maxColumns} columns.";
            return true;
        }

        for (var i = 0; i < _csv.FieldCount; i++)
        {
            fields.Add(_csv.GetString(i));
            if (fields[i].Length > _maxField)
            {
                error = $"A field longer than {_maxField} characters.";
                fields.Clear();
                return true;
            }
        }

        return true;
    }

    public void Dispose()
    {
        _rest?.Dispose();
        _csv.Dispose();
    }

    private CsvReaderOptions Options() => CsvReaderOptions.Default with
    {
        Separator = ',', // never guessed: a file of "a;b" values is one column, not two
        HasHeader = false, // the import reads the header as a record of its own (mapping, NUL check, row numbers)
        SkipEmptyLines = false, // an empty line still counts as a row, so row numbers match what a spreadsheet shows
        TrimWhitespace = false,
        AllowLineBreaksInQuotes = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        OnMalformedRecord = r => _malformed.TryAdd(r.RecordNumber, r.Reason),
        MaxRecordSize = MaxRecordBytes,
    };

    /// <summary>The unterminated field ran to the end of the input: read what followed its first line as records again.</summary>
    private void ResumeAfterFirstLine()
    {
        var raw = _csv.RawRecord;
        var lineEnd = raw.IndexOfAny((byte)'\r', (byte)'\n');
        if (lineEnd < 0)
        {
            return;
        }

        var next = lineEnd + (raw[lineEnd] == '\r' && lineEnd + 1 < raw.Length && raw[lineEnd + 1] == '\n' ? 2 : 1);
        var rest = raw[next..].ToArray();
        _rest = new CsvRecordReader(o => CsvReader.Create(rest, o), _maxField, _maxColumns, _offset + _csv.ByteOffset + next);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "A quote inside an unquoted field (quote the whole field and double the quote).",
        CsvMalformedReason.TextAfterClosingQuote => "Text after a closing quote (quotes inside a field must be doubled).",
        CsvMalformedReason.UnterminatedQuote => "Unterminated quoted field (a \" opens a field that never closes).",
        _ => $"Malformed record ({reason}).",
    };
}
