using System.Text;
using Beacon.Leads.BulkImport;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Leads;

public sealed class CsvRecordReaderTests
{
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Records_split_on_any_line_ending_and_quotes_hold_commas_quotes_and_line_breaks(string eol)
    {
        var records = Read($"a,b,c{eol}\"x, y\",\"say \"\"hi\"\"\",\"two{eol}lines\"{eol}last,,{eol}");

        records.Select(r => r.Fields).ShouldBe(new[]
        {
            new[] { "a", "b", "c" },
            new[] { "x, y", "say \"hi\"", $"two{eol}lines" },
            new[] { "last", "", "" },
        });
        records.ShouldAllBe(r => r.Error == null);
    }

    [Fact]
    public void A_malformed_record_is_reported_and_reading_resumes_at_the_next_line()
    {
        var records = Read("ok,1\r\nbad\"quote,2\r\n\"closed\"junk,3\r\nfine,4\r\n\"never closed,5\r\n");

        records.Select(r => r.Error is null).ShouldBe([true, false, false, true, false]);
        records[3].Fields.ShouldBe(["fine", "4"]);
        records[1].Error!.ShouldContain("quote");
    }

    [Fact]
    public void Too_many_columns_and_over_long_fields_are_row_errors()
    {
        var wide = string.Join(',', Enumerable.Range(0, 300));
        var records = Read($"{wide}\n{new string('x', 20_000)},1\nok\n");

        records[0].Error!.ShouldContain("columns");
        records[1].Error!.ShouldContain("longer");
        records[2].Fields.ShouldBe(["ok"]);
    }

    [Fact]
    public void An_unterminated_quote_in_the_middle_is_one_row_error_and_the_rows_after_its_line_are_read()
    {
        var records = Read("ok,1\r\n\"never closed,2\r\nfine,3\r\nlast,4\r\n");

        records.Select(r => r.Error is null).ShouldBe([true, false, true, true]);
        records[1].Error!.ShouldContain("Unterminated");
        records[2].Fields.ShouldBe(["fine", "3"]);
        records[3].Fields.ShouldBe(["last", "4"]);
    }

    [Fact]
    public void A_BOM_is_skipped_NUL_is_kept_empty_lines_count_as_rows_and_only_commas_separate()
    {
        var bytes = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("email;x,first\r\n\r\na@x.com,B\0b\r\n")];

        var records = Read(bytes);

        records.Select(r => r.Fields).ShouldBe(new[] { new[] { "email;x", "first" }, new[] { "" }, new[] { "a@x.com", "B\0b" } });
    }

    [Fact]
    public void Consumed_counts_the_bytes_of_the_file_read_so_far_for_progress()
    {
        using var stream = new MemoryStream([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a,é\r\nc,d\r\n")]);
        using var reader = new CsvRecordReader(stream);
        var fields = new List<string>();
        reader.TryRead(fields, out _);
        reader.Consumed.ShouldBe(7, "BOM (3) + a,é (4 bytes)");
        reader.Raw.ShouldBe("a,é");
    }

    private static List<(string[] Fields, string? Error)> Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    private static List<(string[] Fields, string? Error)> Read(byte[] bytes)
    {
        using var reader = new CsvRecordReader(new MemoryStream(bytes));
        var fields = new List<string>();
        var result = new List<(string[], string?)>();
        while (reader.TryRead(fields, out var error))
        {
            result.Add((fields.ToArray(), error));
        }

        return result;
    }
}
