using System.Net;
using System.Text;
using Beacon.Leads.Capture;
using Beacon.TestKit;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

/// <summary>
/// The import quota counts the uploads that start or resume an import: re-sending a file while its import still runs
/// (409) or after it finished (200) takes nothing, so a client retrying after a failed node cannot spend the hour's quota.
/// </summary>
public sealed class ImportQuotaTests(BeaconApp app)
{
    [Fact]
    public async Task Retries_answered_409_or_replayed_do_not_spend_the_import_quota()
    {
        await using var server = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:RateLimits:Import:PerPrincipal"] = "3",
        });
        var owner = await ApiClient.SignupAsync(server.CreateClient);

        (await ImportAsync(owner.Client, Csv("Ada"), "a")).StatusCode.ShouldBe(HttpStatusCode.Created);
        for (var i = 0; i < 3; i++)
        {
            (await ImportAsync(owner.Client, Csv("Ada"), "a")).StatusCode.ShouldBe(HttpStatusCode.OK, "a finished import is answered again");
        }

        await using var admin = new NpgsqlConnection(app.Database.AdminConnectionString);
        await admin.OpenAsync();
        Task<HttpResponseMessage> running;
        await using (var tx = await admin.BeginTransactionAsync())
        {
            // Import "b" claims its key, then waits for the tenant's import lock: it is alive and still running.
            await using (var hold = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", admin, tx))
            {
                hold.Parameters.AddWithValue(IdentityLocks.TenantImportKey(owner.TenantId));
                await hold.ExecuteNonQueryAsync();
            }

            running = ImportAsync(owner.Client, Csv("Bea"), "b");
            await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM leads.imports WHERE tenant_id = $1 AND key = 'b'", owner.TenantId), n => n == 1,
                because: "import b has claimed its key");
            for (var i = 0; i < 4; i++)
            {
                (await ImportAsync(owner.Client, Csv("Bea"), "b")).StatusCode.ShouldBe(HttpStatusCode.Conflict, "import b is still running");
            }
        }

        (await running).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ImportAsync(owner.Client, Csv("Cy"), "c")).StatusCode.ShouldBe(HttpStatusCode.Created, "the third upload accepted");
        var spent = await ImportAsync(owner.Client, Csv("Di"), "d");
        spent.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "three uploads were accepted: the quota is spent");
        spent.Headers.RetryAfter.ShouldNotBeNull();
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM leads.imports WHERE tenant_id = $1", owner.TenantId)).ShouldBe(3);
    }

    private static string Csv(string name) => $"first_name,email\n{name},{name.ToLowerInvariant()}.quota@example.test\n";

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads/imports")
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
