namespace Beacon.Sandbox.Property;

/// <summary>
/// One row of the Sacramento sales file, as recorded. Zero beds, baths or square feet in the file mean
/// "not recorded" (mostly bulk lot sales in Lincoln), so they are null here.
/// </summary>
internal sealed record PropertyRecord(
    string StreetLine,
    ParsedAddress Address,
    string City,
    string Zip,
    string State,
    int? Beds,
    double? Baths,
    int? LivingSqft,
    string Type,
    DateOnly SaleDate,
    long SalePrice,
    double Latitude,
    double Longitude)
{
    /// <summary>Seed for every derived field: the record's own canonical address, whatever the query looked like.</summary>
    public string Key => $"{Address.Street}|{Address.Unit}|{Zip}";
}
