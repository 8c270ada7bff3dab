using Beacon.Contracts.Leads;
using Beacon.Workflows.Engine;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Workflows;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Fact]
    public void A_Chicago_area_code_puts_the_lead_in_Chicago_and_says_so()
    {
        var zone = QuietHours.ZoneOf(["+1 (312) 555-0100"], "Europe/London");

        zone.Zone.Id.ShouldBe("America/Chicago");
        zone.Source.ShouldBe("the phone's area code 312");
    }

    [Fact]
    public void A_lead_without_a_known_area_code_falls_back_to_the_brokerages_zone()
    {
        var zone = QuietHours.ZoneOf(["+44 20 7946 0000", "555-0100"], "America/Denver");

        zone.Zone.Id.ShouldBe("America/Denver");
        zone.Source.ShouldBe("the brokerage's time zone");
    }

    [Theory]
    [InlineData("2026-12-07T03:30:00Z", "2026-12-07T14:00:00Z")] // 21:30 the evening before in Chicago → 08:00 CST
    [InlineData("2026-12-07T12:00:00Z", "2026-12-07T14:00:00Z")] // 06:00 in Chicago → 08:00 the same morning
    [InlineData("2026-07-07T02:59:00Z", "2026-07-07T13:00:00Z")] // 21:59 CDT → 08:00 CDT
    public void A_send_at_night_waits_for_8_am_local(string now, string expected) =>
        QuietHours.DeferredUntil(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Chicago)
            .ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("2026-12-07T14:00:00Z")] // 08:00 CST, the first minute allowed
    [InlineData("2026-12-08T02:59:00Z")] // 20:59 CST
    public void A_send_within_8_to_21_local_goes_now(string now) =>
        QuietHours.DeferredUntil(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Chicago).ShouldBeNull();

    [Fact]
    public void Over_a_simulated_week_no_send_falls_outside_8_to_21_in_the_leads_zone()
    {
        var start = new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero); // spans the US change to summer time on 8 March
        for (var t = start; t < start.AddDays(7); t = t.AddMinutes(7))
        {
            var sendAt = QuietHours.DeferredUntil(t, Chicago) ?? t;
            var local = TimeZoneInfo.ConvertTime(sendAt, Chicago).TimeOfDay;
            local.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(8), $"due {t:O}");
            local.ShouldBeLessThan(TimeSpan.FromHours(21), $"due {t:O}");
            sendAt.ShouldBeGreaterThanOrEqualTo(t);
        }
    }

    [Theory]
    [InlineData("+1 808 555 0100", "Asia/Tokyo", "provided", "Pacific/Honolulu", "the phone's area code 808")]
    [InlineData("+44 20 7946 0000", "America/Los_Angeles", "zip", "America/Los_Angeles", "the lead's address (its ZIP code)")]
    [InlineData(null, "Asia/Tokyo", "provided", "Asia/Tokyo", "the lead's own time zone")]
    [InlineData(null, "America/Chicago", "enrichment", "America/Chicago", "enrichment (where the person lives)")]
    [InlineData(null, null, null, "America/Denver", "the brokerage's time zone")]
    public void The_area_code_decides_then_the_leads_own_zone_then_the_brokerages(string? phone, string? leadZone, string? zoneSource,
        string expected, string source)
    {
        var lead = new LeadSnapshot(Guid.NewGuid(), Guid.NewGuid(), null, null, [], phone is null ? [] : [phone], "api", null, "buyer", "new",
            null, null, [], [], null, null, null, null, [], "{}", "{}", leadZone, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch, [])
        { TimeZoneSource = zoneSource };

        var zone = QuietHours.ZoneOf(lead, "America/Denver");

        zone.Zone.Id.ShouldBe(expected);
        zone.Source.ShouldBe(source);
    }
}
