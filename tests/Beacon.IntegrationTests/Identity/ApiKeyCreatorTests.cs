using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>A key acts for its creator: never with more power than the creator has now, and never after they leave.</summary>
public sealed class ApiKeyCreatorTests(BeaconApp app)
{
    private async Task<(Guid AdminId, Guid KeyId, HttpClient Key, TenantSession Owner)> AdminWithAdminKeyAsync()
    {
        var owner = await app.SignupAsync();
        var (adminId, _, admin) = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "admin");
        var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "CRM sync", role = "admin" });
        await created.EnsureSuccessAsync();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = app.Anonymous();
        key.DefaultRequestHeaders.Add("X-Api-Key", body.GetProperty("key").GetString());
        return (adminId, body.GetProperty("apiKey").GetProperty("id").GetGuid(), key, owner);
    }

    private static async Task<JsonElement> ListedAsync(TenantSession owner, Guid keyId) =>
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/api-keys")).EnumerateArray()
        .Single(k => k.GetProperty("id").GetGuid() == keyId);

    private static Task<HttpResponseMessage> InviteAsync(HttpClient client) => client.PostAsJsonAsync(
        "/api/v1/users/invitations", new { email = $"new-{Guid.NewGuid():N}@example.test", role = "agent" });

    [Fact]
    public async Task Api_key_of_a_deactivated_creator_is_refused_and_stays_revoked_after_reactivation()
    {
        var (adminId, keyId, key, owner) = await AdminWithAdminKeyAsync();
        (await InviteAsync(key)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{adminId}", new { active = false })).EnsureSuccessStatusCode();

        (await InviteAsync(key)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await key.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ListedAsync(owner, keyId)).GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.String);

        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{adminId}", new { active = true })).EnsureSuccessStatusCode();
        (await key.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "deactivation revoked the key for good");
    }

    [Fact]
    public async Task Api_key_of_a_demoted_creator_acts_with_the_creators_lower_role()
    {
        var (adminId, keyId, key, owner) = await AdminWithAdminKeyAsync();

        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{adminId}", new { role = "read_only" })).EnsureSuccessStatusCode();

        (await InviteAsync(key)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await key.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("role").GetString().ShouldBe("read_only");
        var listed = await ListedAsync(owner, keyId);
        listed.GetProperty("role").GetString().ShouldBe("admin");
        listed.GetProperty("effectiveRole").GetString().ShouldBe("read_only");

        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{adminId}", new { role = "admin" })).EnsureSuccessStatusCode();
        (await InviteAsync(key)).StatusCode.ShouldBe(HttpStatusCode.Created, "the key's own role is the ceiling, not a copy");
    }
}
