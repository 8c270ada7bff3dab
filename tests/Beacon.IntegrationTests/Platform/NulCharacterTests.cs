using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// U+0000 cannot be stored in PostgreSQL text or jsonb: every JSON body that carries one, at any depth, is refused
/// with 400 naming the field before a handler runs, on every module's routes (issue 10).
/// </summary>
public sealed class NulCharacterTests(BeaconApp app)
{
    private static async Task<(HttpStatusCode Status, string[] Fields, string Body)> PostRawAsync(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return (response.StatusCode, [], body);
        }

        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement;
        var fields = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];
        return (response.StatusCode, fields, body);
    }

    [Fact]
    public async Task A_nul_character_in_a_lead_message_is_400_naming_message_and_writes_nothing()
    {
        var owner = await app.SignupAsync();

        var (status, fields, body) = await PostRawAsync(owner.Client, "/api/v1/leads",
            """{"firstName": "Nul", "email": "nul-message@example.test", "message": "hello\u0000there"}""");

        status.ShouldBe(HttpStatusCode.BadRequest, body);
        fields.ShouldBe(["message"], body);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_character_deep_in_a_lead_names_its_path()
    {
        var owner = await app.SignupAsync();

        var (status, fields, body) = await PostRawAsync(owner.Client, "/api/v1/leads", """
            {"email": "nul-deep@example.test", "tags": ["ok", "b\u0000d"], "propertyAddress": {"street": "\u0000"},
             "customFields": {"notes": {"inner": ["x\u0000"]}}}
            """);

        status.ShouldBe(HttpStatusCode.BadRequest, body);
        fields.ShouldBe(["tags[1]", "propertyAddress.street", "customFields.notes.inner[0]"], ignoreOrder: true, body);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_character_in_activity_text_is_400_naming_body_and_writes_nothing()
    {
        var owner = await app.SignupAsync();
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { email = "nul-activity@example.test" })).GetProperty("id").GetGuid();

        var (status, fields, body) = await PostRawAsync(owner.Client, $"/api/v1/leads/{lead}/activities",
            """{"type": "note", "body": "call\u0000back"}""");

        status.ShouldBe(HttpStatusCode.BadRequest, body);
        fields.ShouldBe(["body"], body);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM leads.activities WHERE tenant_id = $1 AND type = 'note'",
            owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task Activity_text_over_its_length_limit_is_400_naming_body()
    {
        var owner = await app.SignupAsync();
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { email = "long-activity@example.test" })).GetProperty("id").GetGuid();

        var response = await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/activities", new { type = "note", body = new string('x', 10_001) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["body"]);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM leads.activities WHERE tenant_id = $1 AND type = 'note'",
            owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_character_in_the_login_email_is_400_naming_email()
    {
        var (status, fields, body) = await PostRawAsync(app.Anonymous(), "/api/v1/auth/login",
            """{"email": "owner\u0000@example.test", "password": "whatever-it-is-9"}""");

        status.ShouldBe(HttpStatusCode.BadRequest, body);
        fields.ShouldBe(["email"], body);
    }

    [Fact]
    public async Task A_nul_character_in_the_signup_display_name_is_400_naming_displayName_and_writes_nothing()
    {
        var email = $"nul-{Guid.NewGuid():N}@example.test";

        var (status, fields, body) = await PostRawAsync(app.Anonymous(), "/api/v1/auth/signup",
            $$"""{"brokerageName": "Nul Realty", "displayName": "Ann\u0000", "email": "{{email}}", "password": "long-enough-9"}""");

        status.ShouldBe(HttpStatusCode.BadRequest, body);
        fields.ShouldBe(["displayName"], body);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity_private.user_directory WHERE email = $1", email)).ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_character_in_a_query_string_is_400_naming_the_parameter()
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.GetAsync("/api/v1/leads?q=a%00b");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["q"]);
    }
}
