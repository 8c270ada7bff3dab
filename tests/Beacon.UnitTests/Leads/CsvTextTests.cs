using System.Text;
using Beacon.Leads.Export;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Leads;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("+19165550142", "+19165550142")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("Smith, Jr.", "\"Smith, Jr.\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=1+1, then", "\"'=1+1, then\"")]
    public async Task Export_cells_neutralise_formulas_and_quote(string value, string cell) =>
        (await WriteAsync([[value]])).ShouldBe(cell + "\n");

    [Fact]
    public async Task Rows_are_RFC_4180_quoted_LF_terminated_UTF_8_without_a_BOM_and_null_is_an_empty_cell()
    {
        var text = await WriteAsync([["id", "name", "notes"], ["1", null, "two\r\nlines"], ["2", "José", ""]]);

        text.ShouldBe("id,name,notes\n1,,\"two\r\nlines\"\n2,José,\n");
    }

    private static async Task<string> WriteAsync(string?[][] rows)
    {
        using var stream = new MemoryStream();
        await using (var csv = CsvText.Create(stream))
        {
            foreach (var row in rows)
            {
                await csv.WriteRowAsync(row, CancellationToken.None);
            }
        }

        var bytes = stream.ToArray();
        bytes.Take(3).ShouldNotBe(Encoding.UTF8.Preamble.ToArray());
        return Encoding.UTF8.GetString(bytes);
    }
}
