using System.Net;
using System.Text.Json;
using Beacon.Contracts.Leads;
using Beacon.Enrichment.Normalisation;

namespace Beacon.Enrichment.Providers;

/// <summary>ATTOM-style property detail: address → building facts, last sale, valuation, owner occupancy.</summary>
internal sealed class PropertyClient(HttpClient http, ProviderOptions options) : IEnrichmentProvider
{
    public string Name => ProviderNames.Property;

    public ProviderInput? InputFor(LeadSnapshot lead, CreditConsent? consent)
    {
        if (lead.PropertyAddress is not { Street: { Length: > 0 } street } address)
        {
            return null;
        }

        var canonical = $"{AddressNormalizer.Street(street)}|{AddressNormalizer.Zip(address.Zip) ?? AddressNormalizer.City(address.City)}";
        return new ProviderInput(Name, canonical, new PropertyRequest(street, address.City, address.State, address.Zip));
    }

    public Task<ProviderOutcome> CallAsync(ProviderInput input, string? pollLocation, CancellationToken ct)
    {
        var r = (PropertyRequest)input.Request;
        var line2 = string.Join(' ', new[] { r.City is null ? null : r.City + ",", r.State, r.Zip }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var uri = $"property/v1/detail?address1={Uri.EscapeDataString(r.Street)}&address2={Uri.EscapeDataString(line2)}";
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("apikey", options.ApiKey);
        return ProviderHttp.SendAsync(http, request, Interpret, ct);
    }

    private static ProviderOutcome? Interpret(HttpStatusCode status, JsonElement body, HttpResponseMessage response)
    {
        if (status != HttpStatusCode.OK)
        {
            return null;
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("property", out var list)
            || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return ProviderOutcome.NoMatch("no property in the answer", billable: true);
        }

        var p = list[0];
        // Several candidates means the street exists in several towns: every fact is less certain.
        var exact = p.Text("address", "matchCode") == "ExaStr" && list.GetArrayLength() == 1;
        var c = exact ? 0.95 : 0.7;
        var absentee = p.Text("summary", "absenteeInd");
        var fields = new FieldList(ProviderNames.Property)
            .Add("bedrooms", p.Number("building", "rooms", "beds"), c)
            .Add("bathrooms", p.Number("building", "rooms", "bathstotal"), c)
            .Add("squareFeet", p.Number("building", "size", "livingsize"), c)
            .Add("yearBuilt", p.Number("summary", "yearbuilt"), c * 0.9)
            .Add("propertyType", p.Text("summary", "proptype"), c)
            .Add("lotSquareFeet", p.Number("lot", "lotSize2"), c * 0.9)
            .Add("lastSaleDate", p.Text("sale", "saleTransDate"), c)
            .Add("lastSalePrice", p.Number("sale", "amount", "saleamt"), c)
            .Add("estimatedValue", p.Number("avm", "amount", "value"), (p.Number("avm", "amount", "scr") ?? 50) / 100 * c)
            .Add("ownerOccupied", absentee is null ? null : absentee.StartsWith("OWNER", StringComparison.Ordinal), c * 0.9)
            .Add("matchedAddress", p.Text("address", "oneLine"), c)
            .Add("latitude", p.Number("location", "latitude"), c)
            .Add("longitude", p.Number("location", "longitude"), c);
        return ProviderOutcome.Match(fields.Fields);
    }
}
