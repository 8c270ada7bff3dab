using System.Text;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// A streaming RFC 4180 reader: quoted fields with doubled quotes and embedded line breaks; CRLF, LF or lone CR
/// line endings. It never holds more than one record. A malformed record (a quote inside an unquoted field, text
/// after a closing quote, an unterminated quote, an over-long field, too many columns) is reported with a reason
/// and skipped up to the next line break, so one bad row cannot swallow the rest of the file.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, int maxField = 10_000, int maxColumns = 200)
{
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _pos;
    private int _len;
    private long _before;

    /// <summary>Characters consumed so far (for progress: about the bytes read in a mostly-ASCII file).</summary>
    public long Consumed => _before + _pos;

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    public bool TryRead(List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        if (Peek() < 0)
        {
            return false;
        }

        while (true)
        {
            _field.Clear();
            var c = Peek();
            if (c == '"')
            {
                Next();
                error = ReadQuoted();
            }
            else
            {
                error = ReadUnquoted();
            }

            if (error is not null)
            {
                SkipLine();
                return true;
            }

            fields.Add(_field.ToString());
            if (fields.Count > maxColumns)
            {
                error = $"More than {maxColumns} columns.";
                SkipLine();
                return true;
            }

            c = Next();
            if (c == ',')
            {
                continue;
            }

            if (c == '\r' && Peek() == '\n')
            {
                Next();
            }

            return true;
        }
    }

    private string? ReadQuoted()
    {
        while (true)
        {
            var c = Next();
            if (c < 0)
            {
                return "Unterminated quoted field (a \" opens a field that never closes).";
            }

            if (c == '"')
            {
                if (Peek() == '"')
                {
                    Next();
                    _field.Append('"');
                    continue;
                }

                var after = Peek();
                return after is ',' or '\r' or '\n' or -1 ? null : "Text after a closing quote (quotes inside a field must be doubled).";
            }

            if (_field.Length >= maxField)
            {
                return $"A field longer than {maxField} characters (or an unterminated quote).";
            }

            _field.Append((char)c);
        }
    }

    private string? ReadUnquoted()
    {
        while (true)
        {
            var c = Peek();
            if (c is ',' or '\r' or '\n' or -1)
            {
                return null;
            }

            Next();
            if (c == '"')
            {
                return "A quote inside an unquoted field (quote the whole field and double the quote).";
            }

            if (_field.Length >= maxField)
            {
                return $"A field longer than {maxField} characters.";
            }

            _field.Append((char)c);
        }
    }

    private void SkipLine()
    {
        while (true)
        {
            var c = Next();
            if (c is -1 or '\n')
            {
                return;
            }

            if (c == '\r')
            {
                if (Peek() == '\n')
                {
                    Next();
                }

                return;
            }
        }
    }

    private int Peek()
    {
        if (_pos == _len)
        {
            _before += _len;
            _len = reader.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            if (_len <= 0)
            {
                _len = 0;
                return -1;
            }
        }

        return _buffer[_pos];
    }

    private int Next()
    {
        var c = Peek();
        if (c >= 0)
        {
            _pos++;
        }

        return c;
    }
}
