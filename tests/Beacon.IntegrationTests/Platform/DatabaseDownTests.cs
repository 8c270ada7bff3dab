using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Beacon.TestKit;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>A node whose PostgreSQL refuses connections answers 503 problem details with Retry-After, not 500.</summary>
public sealed class DatabaseDownTests(BeaconApp app)
{
    [Fact]
    public async Task A_request_while_the_database_refuses_connections_is_503_with_retry_after()
    {
        var closed = new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString) { Host = "127.0.0.1", Port = ClosedPort() };
        await using var server = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Role"] = "web",
            ["ConnectionStrings:Beacon"] = closed.ConnectionString,
        });
        using var client = server.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/signup",
            new { brokerageName = "Down Realty", displayName = "Owner", email = "down@example.test", password = ApiClient.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 30);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(503);
        problem.GetProperty("title").GetString().ShouldBe("The service is temporarily unavailable.");
    }

    // A port nothing listens on: bound by the OS, then released.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
