using System.Globalization;
using Beacon.Sandbox.Infrastructure;

namespace Beacon.Sandbox.Property;

/// <summary>Turns a real Sacramento record plus its derived fields into ATTOM's property shape.</summary>
internal sealed class AttomMapper(PropertyDerivations derivations)
{
    private static readonly string[] RealFields =
    [
        "address", "location", "building.rooms.beds", "building.rooms.bathstotal", "building.size.livingsize",
        "summary.proptype", "sale.saleTransDate", "sale.amount.saleamt",
    ];

    private static readonly string[] DerivedFields =
        ["identifier", "lot", "summary.yearbuilt", "summary.absenteeInd", "avm"];

    public AttomProperty Map(PropertyRecord r, string matchCode, DateOnly today)
    {
        var lot = derivations.LotSqft(r);
        var avm = PropertyDerivations.Valuation(r, today);
        var (propclass, proptype, landUse) = r.Type switch
        {
            "Residential" => ("Single Family Residence / Townhouse", "SFR", "SFR"),
            "Condo" => ("Apartment", "CONDOMINIUM", "CONDOMINIUM"),
            "Multi-Family" => ("Duplex / Triplex / Quadplex", "MFR", "DUPLEX"),
            _ => ((string?)null, (string?)null, (string?)null),
        };
        var line1 = r.StreetLine.ToUpperInvariant();
        var line2 = $"{r.City}, {r.State} {r.Zip}";
        var hash = StableHash.Of(r.Key, "apn");

        return new AttomProperty(
            new AttomIdentifier(AttomId: 100_000_000 + (long)(hash % 900_000_000),
                Apn: string.Create(CultureInfo.InvariantCulture, $"{hash % 1000:000}-{hash / 1000 % 10000:0000}-{hash / 10_000_000 % 1000:000}")),
            new AttomLot(lot is int sqft ? Math.Round(sqft / 43_560.0, 4) : null, lot),
            new AttomAddress("US", r.State, line1, line2, r.City, matchCode, $"{line1}, {line2}", r.Zip),
            new AttomLocation("Rooftop", r.Latitude, r.Longitude),
            new AttomSummary(propclass, proptype is null ? null : "RESIDENTIAL", proptype, derivations.YearBuilt(r), landUse,
                PropertyDerivations.OwnerOccupied(r) ? "OWNER OCCUPIED" : "ABSENTEE(MAIL AND/OR SITUS)"),
            new AttomBuilding(new AttomSize(r.LivingSqft, r.LivingSqft), new AttomRooms(r.Baths, r.Beds)),
            new AttomSale(r.SaleDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new AttomSaleAmount(r.SalePrice, "Resale")),
            new AttomAvm(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                new AttomAvmAmount(avm.Value, avm.High, avm.Low, avm.Confidence)),
            new SandboxProvenance("Sacramentorealestatetransactions.csv (real sale, May 2008)", RealFields, DerivedFields));
    }
}
