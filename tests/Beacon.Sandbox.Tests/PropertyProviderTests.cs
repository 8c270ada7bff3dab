using System.Net;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class PropertyProviderTests : IDisposable
{
    private readonly SandboxApp _app = new();

    [Theory]
    [InlineData("3526 High Street", "Sacramento, CA 95838")]
    [InlineData("3526 HIGH ST.", "")]
    [InlineData("  3526   high   st ", "95838")]
    [InlineData("3526 High St, Sacramento, California 95838-1234", "")]
    [InlineData("3526 High", "Sacramento CA")]
    public async Task A_real_Sacramento_address_in_messy_form_resolves_to_its_recorded_sale(string line1, string line2)
    {
        using var response = await GetAsync(line1, line2);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var property = (await Json.ReadAsync(response)).At("property.0");
        property.At("address.oneLine").GetString().ShouldBe("3526 HIGH ST, SACRAMENTO, CA 95838");
        property.At("building.rooms.beds").GetInt32().ShouldBe(2);
        property.At("building.rooms.bathstotal").GetDouble().ShouldBe(1);
        property.At("building.size.livingsize").GetInt32().ShouldBe(836);
        property.At("sale.amount.saleamt").GetInt64().ShouldBe(59222);
        property.At("sale.saleTransDate").GetString().ShouldBe("2008-05-21");
        property.At("location.latitude").GetDouble().ShouldBe(38.631913);
        property.At("summary.proptype").GetString().ShouldBe("SFR");
    }

    [Theory]
    [InlineData("11150 Trinity River Drive #114")]
    [InlineData("11150 Trinity River Dr Apt 114")]
    [InlineData("11150 TRINITY RIVER DR., Unit 114")]
    [InlineData("11150 trinity river dr apt. # 114")]
    public async Task A_unit_number_in_any_spelling_finds_the_condo(string line1)
    {
        using var response = await GetAsync(line1, "Rancho Cordova, CA");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var property = (await Json.ReadAsync(response)).At("property.0");
        property.At("sale.amount.saleamt").GetInt64().ShouldBe(94905);
        property.At("summary.proptype").GetString().ShouldBe("CONDOMINIUM");
    }

    [Fact]
    public async Task Spelled_out_directions_and_suffixes_match_the_abbreviated_record()
    {
        using var response = await GetAsync("15300 Murieta South Parkway", "Rancho Murieta, CA 95683");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json.ReadAsync(response)).At("property.0.sale.amount.saleamt").GetInt64().ShouldBe(370500);
    }

    [Theory]
    [InlineData("1 Nowhere Lane", "Sacramento, CA 95838")]
    [InlineData("3526 High St", "Elk Grove, CA 95624")]
    public async Task An_unknown_address_is_404_in_ATTOM_style(string line1, string line2)
    {
        using var response = await GetAsync(line1, line2);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await Json.ReadAsync(response);
        body.At("status.code").GetInt32().ShouldBe(1);
        body.At("status.msg").GetString().ShouldBe("SuccessWithoutResult");
        body.TryGetProperty("property", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_request_without_an_address_is_400()
    {
        using var response = await _app.Property().GetAsync("/property/v1/detail", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json.ReadAsync(response)).At("status.code").GetInt32().ShouldBe(-2);
    }

    [Fact]
    public async Task Derived_fields_are_plausible_and_the_same_however_the_address_is_typed()
    {
        using var first = await GetAsync("3526 High Street", "Sacramento, CA");
        using var second = await GetAsync("3526 HIGH ST", "95838");
        var a = (await Json.ReadAsync(first)).At("property.0");
        var b = (await Json.ReadAsync(second)).At("property.0");

        a.At("summary.yearbuilt").GetInt32().ShouldBeInRange(1900, 2015);
        a.At("lot.lotSize2").GetInt32().ShouldBeGreaterThan(500);
        a.At("avm.amount.value").GetInt64().ShouldBeGreaterThan(59222);
        a.At("avm.amount.low").GetInt64().ShouldBeLessThan(a.At("avm.amount.value").GetInt64());
        a.At("summary.absenteeInd").GetString().ShouldBeOneOf("OWNER OCCUPIED", "ABSENTEE(MAIL AND/OR SITUS)");
        b.At("summary.yearbuilt").GetInt32().ShouldBe(a.At("summary.yearbuilt").GetInt32());
        b.At("avm.amount.value").GetInt64().ShouldBe(a.At("avm.amount.value").GetInt64());
        b.At("identifier.attomId").GetInt64().ShouldBe(a.At("identifier.attomId").GetInt64());
    }

    [Fact]
    public async Task A_wrong_apikey_is_401_in_ATTOM_style()
    {
        using var response = await _app.Property("not-the-key")
            .GetAsync("/property/v1/detail?address1=3526%20High%20St", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Json.ReadAsync(response)).At("status.code").GetInt32().ShouldBe(401);
    }

    public void Dispose() => _app.Dispose();

    private Task<HttpResponseMessage> GetAsync(string line1, string line2) =>
        _app.Property().GetAsync(
            $"/property/v1/detail?address1={Uri.EscapeDataString(line1)}&address2={Uri.EscapeDataString(line2)}",
            TestContext.Current.CancellationToken);
}
