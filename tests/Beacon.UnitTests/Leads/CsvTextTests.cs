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
    [InlineData("Smith, Jr.", "\"Smith, Jr.\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Export_cells_neutralise_formulas_and_quote(string value, string cell) => CsvText.Cell(value).ShouldBe(cell);
}
