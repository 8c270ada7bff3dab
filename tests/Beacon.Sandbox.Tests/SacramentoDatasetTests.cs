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

    [Fact]
    public void Derived_year_built_is_plausible_and_never_after_the_sale()
    {
        var data = new SacramentoDataset();
        var derivations = new PropertyDerivations(new KcDistributions());

        var years = data.Records.Select(derivations.YearBuilt).OfType<int>().ToArray();

        years.Length.ShouldBe(data.Records.Count(r => r.LivingSqft is not null));
        years.ShouldAllBe(y => y >= 1900 && y <= 2008);
        years.Distinct().Count().ShouldBeGreaterThan(30);
    }

    [Theory]
    [InlineData("123 North Main Street Apt #4B", "Sacramento, CA 95814", "123 N MAIN ST", "4B", "95814", "SACRAMENTO")]
    [InlineData("9970 State Highway 193", "", "9970 STATE HWY 193", null, null, null)]
    [InlineData("51 Omaha Ct 95823", null, "51 OMAHA CT", null, "95823", null)]
    [InlineData("7 First Ave Unit 2", "Elk Grove NV", "7 1ST AVE", "2", null, "ELK GROVE")]
    public void Addresses_normalise_to_canonical_tokens(
        string line1, string? line2, string street, string? unit, string? zip, string? city)
    {
        var parsed = AddressNormalizer.Parse(line1, line2);

        parsed.ShouldBe(parsed with { Street = street, Unit = unit, Zip = zip, City = city });
    }
}
