using Beacon.Enrichment.Normalisation;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Enrichment;

public sealed class AddressNormalizerTests
{
    [Theory]
    [InlineData("3526 High Street", "3526 HIGH ST")]
    [InlineData("3526 HIGH ST.", "3526 HIGH ST")]
    [InlineData("  3526   high   st ", "3526 HIGH ST")]
    [InlineData("100 North First Avenue", "100 N 1ST AVE")]
    [InlineData("12 Oak Boulevard Apt. # 114", "12 OAK BLVD #114")]
    [InlineData("12 Oak Blvd #114", "12 OAK BLVD #114")]
    [InlineData("12 Oak Blvd Unit 114", "12 OAK BLVD #114")]
    [InlineData("12 Oak Blvd, Suite 114", "12 OAK BLVD #114")]
    public void Every_spelling_of_a_street_line_has_one_canonical_form(string input, string canonical) =>
        AddressNormalizer.Street(input).ShouldBe(canonical);

    [Theory]
    [InlineData("95838", "95838")]
    [InlineData("95838-1234", "95838")]
    [InlineData(" 958 ", null)]
    [InlineData(null, null)]
    public void A_zip_is_its_first_five_digits(string? input, string? zip) => AddressNormalizer.Zip(input).ShouldBe(zip);

    [Fact]
    public void A_city_ignores_case_and_punctuation() =>
        AddressNormalizer.City("  rancho  cordova. ").ShouldBe("RANCHO CORDOVA");
}
