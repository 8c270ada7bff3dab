using Beacon.Leads.BulkImport;
using Beacon.Leads.Capture;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Leads;

public sealed class ColumnMappingTests
{
    [Fact]
    public void Common_headers_are_recognised_and_the_rest_become_custom_fields()
    {
        var errors = new Errors();
        var mapping = ColumnMapping.Create(["First Name", "E-mail Address", "Cell Phone", "Lead Source", "Zip Code", "Shoe size"], null, errors);

        errors.Any.ShouldBeFalse();
        mapping.Fields.ShouldBe(["firstName", "email", "phone", "source", "zipCodes", "custom:Shoe size"]);
    }

    [Fact]
    public void Overrides_win_and_an_unknown_target_is_an_error()
    {
        var errors = new Errors();
        var mapping = ColumnMapping.Create(["Contact", "Cell #", "Notes"],
            new Dictionary<string, string> { ["Contact"] = "fullName", ["Cell #"] = "phone", ["Notes"] = "ignore" }, errors);
        var bad = new Errors();
        ColumnMapping.Create(["Email"], new Dictionary<string, string> { ["Email"] = "eMail" }, bad);

        errors.Any.ShouldBeFalse();
        mapping.Fields.ShouldBe(["fullName", "phone", null]);
        bad.ToDictionary().Keys.ShouldContain("mapping.Email");
    }

    [Fact]
    public void A_row_becomes_the_capture_request_with_prices_names_and_lists_parsed()
    {
        var errors = new Errors();
        var mapping = ColumnMapping.Create(["Name", "Email", "Budget", "Tags", "Zip"], null, errors);

        var request = RowMapper.ToRequest(mapping, ["Mary Ann Lopez", "m@example.com", "$450,000", "vip; first-time", "95814 95816"], "import", errors);

        errors.Any.ShouldBeFalse();
        (request.FirstName, request.LastName).ShouldBe(("Mary Ann", "Lopez"));
        request.PriceMax.ShouldBe(450_000m);
        request.Tags.ShouldBe(["vip", "first-time"]);
        request.ZipCodes.ShouldBe(["95814", "95816"]);
        request.Source.ShouldBe("import");
        RowMapper.ToRequest(mapping, ["X", "x@example.com", "lots"], "import", errors);
        errors.ToDictionary().Keys.ShouldContain("priceMax");
    }
}
