using Beacon.Server.Hosting;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Architecture;

/// <summary>
/// Every route under /api/v1 comes from the shared group helpers (<see cref="ApiGroups"/>), so authorization, rate
/// limiting and request validation cannot be left out by one module: checked on the real server's endpoint table.
/// </summary>
public sealed class RouteGroupTests
{
    [Fact]
    public async Task Every_api_v1_route_is_mapped_through_a_shared_group_with_request_validation()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        // Nothing connects while the endpoint table is built; these only satisfy registration.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = "Host=127.0.0.1;Database=none;Username=none",
            ["Beacon:Auth:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        });
        BeaconServer.AddServices(builder);
        await using var app = builder.Build();
        BeaconServer.UsePipeline(app);

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(ApiGroups.Prefix + "/", StringComparison.Ordinal) == true)
            .ToList();

        routes.Count.ShouldBeGreaterThan(40, "the modules' routes were found");
        var outside = routes
            .Where(e => e.Metadata.GetMetadata<ApiGroupMetadata>() is null || e.Metadata.GetMetadata<RequestValidationMetadata>() is null)
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();
        outside.ShouldBeEmpty("these routes are mapped outside app.MapApiV1()/MapAuthV1()");
    }
}
