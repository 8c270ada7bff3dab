using Beacon.Leads.Model;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Leads;

public sealed class PlaceZonesTests
{
    [Theory]
    [InlineData("rancho cordova, california, united states", "America/Los_Angeles", "california, united states")]
    [InlineData("Austin, Texas, United States", "America/Chicago", "texas, united states")]
    [InlineData("phoenix, arizona, united states", "America/Phoenix", "arizona, united states")]
    [InlineData("boise, idaho, united states", "America/Boise", "idaho, united states")]
    [InlineData("toronto, ontario, canada", "America/Toronto", "ontario, canada")]
    [InlineData("london, england, united kingdom", "Europe/London", "united kingdom")]
    [InlineData("india", "Asia/Kolkata", "india")]
    public void A_state_province_or_single_zone_country_gives_its_zone_and_says_which_place_decided(string location, string zone, string place)
    {
        PlaceZones.Of(location).ShouldBe((zone, place));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("united states")]
    [InlineData("springfield, atlantis, united states")]
    [InlineData("toronto, canada")]
    [InlineData("sydney, new south wales, australia")]
    public void A_place_that_says_too_little_or_a_country_of_several_zones_gives_none(string? location)
    {
        PlaceZones.Of(location).ShouldBeNull();
    }
}
