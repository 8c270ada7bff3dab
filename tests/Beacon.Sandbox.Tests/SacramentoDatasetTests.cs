using Beacon.Sandbox.Property;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class SacramentoDatasetTests
{
    [Fact]
    public void Every_record_is_found_by_its_own_street_and_zip()
    {
        var data = new SacramentoDataset();

        data.Records.Count.ShouldBe(981); // 985 rows, four addresses listed twice
        foreach (var record in data.Records)
        {
            var matches = PropertyMatcher.Match(data, AddressNormalizer.Parse(record.StreetLine.ToLowerInvariant(), record.Zip));
            matches.ShouldContain(record, record.StreetLine);
        }
    }

    [Theory]
    [InlineData("123 North Main Street Apt #4B", "Sacramento, CA 95814", "123 N MAIN ST", "4B", "95814", "SACRAMENTO")]
    [InlineData("9970 State Highway 193", "", "9970 STATE HWY 193", null, null, null)]
    [InlineData("51 Omaha Ct 95823", null, "51 OMAHA CT", null, "95823", null)]
    public void Addresses_normalise_to_canonical_tokens(
        string line1, string? line2, string street, string? unit, string? zip, string? city)
    {
        var parsed = AddressNormalizer.Parse(line1, line2);

        parsed.ShouldBe(parsed with { Street = street, Unit = unit, Zip = zip, City = city });
    }
}
