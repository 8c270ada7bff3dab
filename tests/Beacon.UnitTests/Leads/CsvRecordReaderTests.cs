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
    public void Consumed_counts_characters_for_progress()
    {
        var reader = new CsvRecordReader(new StringReader("a,b\r\nc,d\r\n"));
        var fields = new List<string>();
        reader.TryRead(fields, out _);
        reader.Consumed.ShouldBe(5);
    }

    private static List<(string[] Fields, string? Error)> Read(string text)
    {
        var reader = new CsvRecordReader(new StringReader(text));
        var fields = new List<string>();
        var result = new List<(string[], string?)>();
        while (reader.TryRead(fields, out var error))
        {
            result.Add((fields.ToArray(), error));
        }

        return result;
    }
}
