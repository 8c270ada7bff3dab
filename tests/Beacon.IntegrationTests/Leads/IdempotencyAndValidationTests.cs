using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.Leads.Capture;
using Beacon.TestKit;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class IdempotencyAndValidationTests(BeaconApp app)
{
    [Fact]
    public async Task The_same_key_and_body_replays_the_first_response()
    {
        var owner = await app.SignupAsync();
        var body = new { email = "idem@example.com", firstName = "Ida" };

        var (first, firstBody) = await LeadsApi.CaptureAsync(owner.Client, body, "key-1");
        var (second, secondBody) = await LeadsApi.CaptureAsync(owner.Client, body, "key-1");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created, "a replay repeats the status, not 200 'merged'");
        second.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        secondBody.GetRawText().ShouldBe(firstBody.GetRawText());
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM leads.activities WHERE tenant_id = $1 AND type = 'merge'",
            owner.TenantId)).ShouldBe(0, "the replay did not capture again");
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        var owner = await app.SignupAsync();
        await LeadsApi.CaptureAsync(owner.Client, new { email = "one@example.com" }, "key-2");

        var (response, _) = await LeadsApi.CaptureAsync(owner.Client, new { email = "two@example.com" }, "key-2");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_whose_request_is_still_running_is_409_and_free_once_that_request_ends()
    {
        var owner = await app.SignupAsync();
        var body = new { email = "busy@example.com" };
        await using var running = new NpgsqlConnection(app.Database.AdminConnectionString);
        await running.OpenAsync();
        await using (var tx = await running.BeginTransactionAsync())
        {
            // What a request working on the key holds: the key's advisory lock, for its transaction's life.
            await using var hold = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", running, tx);
            hold.Parameters.AddWithValue(IdempotencyStore.LockKey(owner.TenantId, "key-3"));
            await hold.ExecuteNonQueryAsync();

            var (busy, _) = await LeadsApi.CaptureAsync(owner.Client, body, "key-3");

            busy.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
        }

        var (after, _) = await LeadsApi.CaptureAsync(owner.Client, body, "key-3");

        after.StatusCode.ShouldBe(HttpStatusCode.Created, "the request ended without an answer: the key is free at once");
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_claim_without_an_answer_left_by_a_request_that_died_does_not_hold_the_key()
    {
        var owner = await app.SignupAsync();
        var json = JsonSerializer.Serialize(new { email = "cut@example.com" }, ApiClient.Json);
        // A request cut by a database restart under the earlier design left this: claimed just now, never answered.
        await app.Database.ScalarAsync<object>(
            "INSERT INTO leads.idempotency_keys (tenant_id, key, request_hash, created_at) VALUES ($1, 'key-5', $2, now())",
            owner.TenantId, SHA256.HashData(Encoding.UTF8.GetBytes(json)));

        var response = await SendAsync(owner.Client, json, "key-5");
        var replay = await SendAsync(owner.Client, json, "key-5");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, "the claim's request is gone, so the key is free");
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"], "the answer was stored over the dead claim");
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Parallel_requests_with_one_key_create_one_lead_and_never_answer_differently()
    {
        var owner = await app.SignupAsync();
        var body = new { email = "race@example.com" };

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => LeadsApi.CaptureAsync(owner.Client, body, "key-4")));

        results.ShouldAllBe(r => r.Response.StatusCode == HttpStatusCode.Created || r.Response.StatusCode == HttpStatusCode.Conflict);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"email": "not-an-email"}""", "email")]
    [InlineData("""{"email": "a@b@example.com"}""", "email")]
    [InlineData("""{"phone": "555-0142"}""", "phone")]
    [InlineData("""{"phone": "call me maybe"}""", "phone")]
    [InlineData("""{"email": "a@example.com", "phones": ["916 555 0142", "12"]}""", "phones[1]")]
    [InlineData("""{"email": "a@example.com", "stage": "won"}""", "stage")]
    [InlineData("""{"email": "a@example.com", "type": "tourist"}""", "type")]
    [InlineData("""{"email": "a@example.com", "priceMin": 500000, "priceMax": 100000}""", "priceMin")]
    [InlineData("""{"email": "a@example.com", "zipCodes": ["ABCDE"]}""", "zipCodes[0]")]
    [InlineData("""{"email": "a@example.com", "consents": {"fax": {"granted": true}}}""", "consents.fax")]
    [InlineData("""{"email": "a@example.com", "priceMin": "cheap"}""", "priceMin")]
    [InlineData("""{"firstName": "Nobody"}""", "email")]
    [InlineData("""{"email": "a@example.com",""", "$")]
    public async Task Bad_input_is_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.PostAsync("/api/v1/leads", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.GetRawText());
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_huge_field_is_refused_and_a_huge_body_is_413()
    {
        var owner = await app.SignupAsync();

        var (response, problem) = await LeadsApi.CaptureAsync(owner.Client, new { email = "a@example.com", firstName = new string('x', 5000) });
        var huge = await owner.Client.PostAsync("/api/v1/leads",
            new StringContent($$"""{"email": "a@example.com", "message": "{{new string('x', 2_000_000)}}"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("firstName", out _).ShouldBeTrue();
        huge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
