using System.Text.Json.Serialization;

namespace Beacon.Sandbox.Property;

// ATTOM-style response records. Property names are chosen so the default camelCase policy yields ATTOM's own
// spellings (yearbuilt, bathstotal, livingsize, absenteeInd ...).

/// <summary>Errors carry only the status block (no property array), as ATTOM's do.</summary>
internal sealed record AttomResponse(
    AttomStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AttomProperty>? Property = null);

internal sealed record AttomStatus(
    string Version,
    int Code,
    string Msg,
    int Total,
    int Page,
    int Pagesize,
    string ResponseDateTime,
    [property: JsonPropertyName("transactionID")] string TransactionId);

internal sealed record AttomProperty(
    AttomIdentifier Identifier,
    AttomLot Lot,
    AttomAddress Address,
    AttomLocation Location,
    AttomSummary Summary,
    AttomBuilding Building,
    AttomSale Sale,
    AttomAvm Avm,
    SandboxProvenance Sandbox);

internal sealed record AttomIdentifier(long AttomId, string Apn);

/// <summary>LotSize1 in acres, LotSize2 in square feet.</summary>
internal sealed record AttomLot(double? LotSize1, int? LotSize2);

internal sealed record AttomAddress(
    string Country, string CountrySubd, string Line1, string Line2, string Locality, string MatchCode, string OneLine, string Postal1);

internal sealed record AttomLocation(string Accuracy, double Latitude, double Longitude);

internal sealed record AttomSummary(
    string? Propclass, string? Propsubtype, string? Proptype, int? Yearbuilt, string? PropLandUse, string AbsenteeInd);

internal sealed record AttomBuilding(AttomSize Size, AttomRooms Rooms);

internal sealed record AttomSize(int? Livingsize, int? Universalsize);

internal sealed record AttomRooms(double? Bathstotal, int? Beds);

internal sealed record AttomSale(string SaleTransDate, AttomSaleAmount Amount);

internal sealed record AttomSaleAmount(long Saleamt, string Saletranstype);

internal sealed record AttomAvm(string EventDate, AttomAvmAmount Amount);

/// <summary>Scr is ATTOM's confidence score, 0-100.</summary>
internal sealed record AttomAvmAmount(long Value, long High, long Low, int Scr);

/// <summary>Sandbox-only: which fields come from the real record and which are derived. Real providers lack it.</summary>
internal sealed record SandboxProvenance(string Source, IReadOnlyList<string> Real, IReadOnlyList<string> Derived);
