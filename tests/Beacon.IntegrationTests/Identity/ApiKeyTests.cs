using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

public sealed class ApiKeyTests(BeaconApp app)
{
    private static async Task<(Guid Id, string Key)> CreateKeyAsync(TenantSession owner, string role = "agent")
    {
        var response = await owner.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Zapier", role });
        await response.EnsureSuccessAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("apiKey").GetProperty("id").GetGuid(), body.GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task An_api_key_authenticates_with_its_role_in_either_header_until_revoked()
    {
        var owner = await app.SignupAsync();
        var (id, key) = await CreateKeyAsync(owner, "agent");

        var viaHeader = app.Anonymous();
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", key);
        var me = await viaHeader.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("kind").GetString().ShouldBe("api_key");
        me.GetProperty("role").GetString().ShouldBe("agent");
        me.GetProperty("tenant").GetProperty("id").GetGuid().ShouldBe(owner.TenantId);

        var viaAuthorization = app.Anonymous();
        viaAuthorization.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"ApiKey {key}");
        (await viaAuthorization.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viaAuthorization.GetAsync("/api/v1/api-keys")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "an agent key is not an admin");

        (await owner.Client.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await viaHeader.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await viaAuthorization.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_are_stored_hashed_listed_without_the_secret_and_record_their_last_use()
    {
        var owner = await app.SignupAsync();
        var (id, key) = await CreateKeyAsync(owner);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var list = await owner.Client.GetStringAsync("/api/v1/api-keys");
        list.ShouldNotContain(key);
        var listed = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);
        listed.GetProperty("lastUsedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM identity.api_keys WHERE key_hash = sha256(convert_to($1, 'UTF8'))", key)).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_with_a_forged_tenant_prefix_is_refused()
    {
        var owner = await app.SignupAsync();
        var other = await app.SignupAsync();
        var (_, key) = await CreateKeyAsync(owner);
        var forged = "bk_" + other.TenantId.ToString("N") + key[(3 + 32)..];
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", forged);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
