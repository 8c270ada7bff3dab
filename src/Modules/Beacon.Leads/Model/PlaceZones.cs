namespace Beacon.Leads.Model;

/// <summary>
/// The IANA zone of a place as a people-data provider writes it ("rancho cordova, california, united states"): a US
/// state or Canadian province by name (the zone most of its people live in), else a country with one zone. Null when
/// the place says too little (a country of several zones without a known region, or an unknown name).
/// </summary>
internal static class PlaceZones
{
    private const string Eastern = "America/New_York";
    private const string Central = "America/Chicago";
    private const string Mountain = "America/Denver";
    private const string Pacific = "America/Los_Angeles";

    private static readonly Dictionary<string, string> States = Table(
        (Eastern, "connecticut,delaware,district of columbia,florida,georgia,kentucky,maine,maryland,massachusetts,new hampshire,"
                  + "new jersey,new york,north carolina,ohio,pennsylvania,rhode island,south carolina,vermont,virginia,west virginia"),
        (Central, "alabama,arkansas,illinois,iowa,kansas,louisiana,minnesota,mississippi,missouri,nebraska,north dakota,oklahoma,"
                  + "south dakota,tennessee,texas,wisconsin"),
        (Mountain, "colorado,montana,new mexico,utah,wyoming"),
        (Pacific, "california,nevada,oregon,washington"),
        ("America/Phoenix", "arizona"),
        ("America/Boise", "idaho"),
        ("America/Detroit", "michigan"),
        ("America/Indiana/Indianapolis", "indiana"),
        ("America/Anchorage", "alaska"),
        ("Pacific/Honolulu", "hawaii"),
        ("America/Puerto_Rico", "puerto rico"));

    private static readonly Dictionary<string, string> Provinces = Table(
        ("America/Toronto", "ontario,quebec"),
        ("America/Vancouver", "british columbia"),
        ("America/Edmonton", "alberta"),
        ("America/Winnipeg", "manitoba"),
        ("America/Regina", "saskatchewan"),
        ("America/Halifax", "nova scotia,prince edward island"),
        ("America/Moncton", "new brunswick"),
        ("America/St_Johns", "newfoundland and labrador"));

    private static readonly Dictionary<string, string> Countries = Table(
        ("Europe/London", "united kingdom"), ("Europe/Dublin", "ireland"), ("Europe/Paris", "france"), ("Europe/Berlin", "germany"),
        ("Europe/Madrid", "spain"), ("Europe/Rome", "italy"), ("Europe/Amsterdam", "netherlands"), ("Europe/Zurich", "switzerland"),
        ("Asia/Kolkata", "india"), ("Asia/Tokyo", "japan"), ("Asia/Singapore", "singapore"), ("Asia/Manila", "philippines"),
        ("Asia/Dubai", "united arab emirates"), ("Africa/Johannesburg", "south africa"), ("Pacific/Auckland", "new zealand"),
        ("America/Mexico_City", "mexico"));

    /// <summary>The zone and the region or country that decided it, or null.</summary>
    public static (string Zone, string Place)? Of(string? location)
    {
        var parts = (location ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.ToLowerInvariant()).ToArray();
        if (parts.Length == 0)
        {
            return null;
        }

        var country = parts[^1];
        var region = parts.Length >= 2 ? parts[^2] : null;
        var table = country switch
        {
            "united states" or "usa" or "us" => States,
            "canada" => Provinces,
            _ => null,
        };
        if (table is not null)
        {
            return region is not null && table.TryGetValue(region, out var zone) ? (zone, $"{region}, {country}") : null;
        }

        return Countries.TryGetValue(country, out var byCountry) ? (byCountry, country) : null;
    }

    private static Dictionary<string, string> Table(params (string Zone, string Names)[] groups) =>
        groups.SelectMany(g => g.Names.Split(',').Select(n => (n, g.Zone))).ToDictionary(p => p.n, p => p.Zone, StringComparer.Ordinal);
}
