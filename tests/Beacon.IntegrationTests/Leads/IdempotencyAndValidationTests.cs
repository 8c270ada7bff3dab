using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.TestKit;
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
    public async Task A_key_whose_request_is_still_running_is_409()
    {
        var owner = await app.SignupAsync();
        var json = JsonSerializer.Serialize(new { email = "busy@example.com" }, ApiClient.Json);
        await app.Database.ScalarAsync<object>(
            "INSERT INTO leads.idempotency_keys (tenant_id, key, request_hash, created_at) VALUES ($1, 'key-3', $2, now())",
            owner.TenantId, SHA256.HashData(Encoding.UTF8.GetBytes(json)));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "key-3");
        var response = await owner.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
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
}
