using Beacon.Sandbox.Knobs;

namespace Beacon.Sandbox.Property;

internal static class PropertyEndpoints
{
    public static IServiceCollection AddPropertyProvider(this IServiceCollection services) =>
        services.AddSingleton<SacramentoDataset>().AddSingleton<KcDistributions>()
            .AddSingleton<PropertyDerivations>().AddSingleton<AttomMapper>();

    public static void MapPropertyProvider(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/property/v1").WithMetadata(PropertyWire.Instance).WithTags("Property (ATTOM-style)");
        group.MapGet("/detail", Detail).WithName("PropertyDetail")
            .WithSummary("Property facts, last sale and AVM for an address (address1 + address2, or address).");
    }

    private static IResult Detail(
        string? address1, string? address2, string? address, HttpContext context,
        SacramentoDataset data, AttomMapper mapper, TimeProvider time)
    {
        var line1 = string.IsNullOrWhiteSpace(address1) ? address : address1;
        if (string.IsNullOrWhiteSpace(line1))
        {
            return PropertyWire.Instance.Error(context, FaultKind.BadRequest, "address1 (or address) is required");
        }

        var query = AddressNormalizer.Parse(line1, address2);
        var matches = PropertyMatcher.Match(data, query);
        if (matches.Count == 0)
        {
            return PropertyWire.Instance.Error(context, FaultKind.NotFound, "no property at this address");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var properties = matches
            .Select(m => mapper.Map(m, m.Address.Street == query.Street ? "ExaStr" : "StrNoSuffix", today))
            .ToArray();
        var status = PropertyWire.Status(context, 0, "SuccessWithResult", properties.Length);
        return TypedResults.Ok(new AttomResponse(status, properties));
    }
}
