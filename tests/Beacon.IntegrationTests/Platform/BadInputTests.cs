using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>Bad input gets problem details naming the field, and writes nothing.</summary>
public sealed class BadInputTests(BeaconApp app)
{
    private async Task<(HttpStatusCode Status, JsonElement Problem)> SignupRawAsync(string json)
    {
        var response = await app.Anonymous().PostAsync("/api/v1/auth/signup", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement);
    }

    private static string[] Fields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];

    [Theory]
    [InlineData("""{"brokerageName": "A", "displayName": "x", "email": "a@b.test", "password": "long-enough-9"}""", "brokerageName")]
    [InlineData("""{"brokerageName": "Acme", "displayName": "x", "email": "not-an-email", "password": "long-enough-9"}""", "email")]
    [InlineData("""{"brokerageName": "Acme", "displayName": "x", "email": "a@b.test", "password": 1234567890123}""", "password")]
    [InlineData("""{"brokerageName": "Acme", "displayName": "x", "email": "a@b.test"}""", "password")]
    [InlineData("""{"brokerageName": "Acme", "displayName": "x", "email": "a@b.test", "password": "short"}""", "password")]
    [InlineData("""{"brokerageName": "Acme", "displayName": "x", "email": "a@b.test", "password": "beacon-demo"}""", "password")]
    [InlineData("""{"brokerageName": "Acme", "displayName": "x", "email": "a@b.test", "password": "long-enough-9""", "password")]
    [InlineData("""this is not json""", "$")]
    [InlineData("""{"brokerageName": ["Acme"], "displayName": "x", "email": "a@b.test", "password": "long-enough-9"}""", "brokerageName")]
    public async Task Signup_with_a_bad_field_is_400_naming_it_and_writes_nothing(string json, string field)
    {
        var (status, problem) = await SignupRawAsync(json);

        status.ShouldBe(HttpStatusCode.BadRequest);
        Fields(problem).ShouldContain(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase), problem.ToString());
        // Other tests sign up in parallel, so "nothing written" is checked on what this request would have written.
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.tenants WHERE name IN ('A', 'Acme')")).ShouldBe(0);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity_private.user_directory WHERE email = 'a@b.test'")).ShouldBe(0);
    }

    [Fact]
    public async Task Overlong_strings_are_refused_by_field()
    {
        var (status, problem) = await SignupRawAsync(JsonSerializer.Serialize(new
        {
            brokerageName = new string('x', 10_000),
            displayName = "x",
            email = "a@b.test",
            password = "long-enough-9",
        }));
        status.ShouldBe(HttpStatusCode.BadRequest);
        Fields(problem).ShouldContain(f => string.Equals(f, "brokerageName", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_unknown_role_is_refused_by_field()
    {
        var owner = await app.SignupAsync();
        var response = await owner.Client.PostAsJsonAsync("/api/v1/users/invitations", new { email = "x@example.test", role = "superuser" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Fields(problem).ShouldContain(f => string.Equals(f, "role", StringComparison.OrdinalIgnoreCase));
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.invitations WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task An_oversized_body_is_413_problem_details()
    {
        var huge = JsonSerializer.Serialize(new { brokerageName = new string('x', 2_000_000), displayName = "x", email = "a@b.test", password = "p" });
        var (status, problem) = await SignupRawAsync(huge);
        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("status").GetInt32().ShouldBe(413);
    }

    [Fact]
    public async Task Unknown_api_routes_are_404_problem_details()
    {
        var owner = await app.SignupAsync();
        var response = await owner.Client.GetAsync("/api/v1/no-such-thing");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
