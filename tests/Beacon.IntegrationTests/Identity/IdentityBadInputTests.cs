using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>
/// A control character (U+0000 above all: PostgreSQL refuses it in text) in any string of an Identity route is bad
/// input: 400 problem details naming the field, and nothing written.
/// </summary>
public sealed class IdentityBadInputTests(BeaconApp app)
{
    private const string Nul = "\u0000";

    public static TheoryData<string, string> AnonymousFields => new()
    {
        { "/api/v1/auth/signup", "brokerageName" },
        { "/api/v1/auth/signup", "displayName" },
        { "/api/v1/auth/signup", "email" },
        { "/api/v1/auth/signup", "password" },
        { "/api/v1/auth/login", "email" },
        { "/api/v1/auth/login", "password" },
        { "/api/v1/auth/refresh", "refreshToken" },
        { "/api/v1/auth/logout", "refreshToken" },
        { "/api/v1/auth/accept-invitation", "token" },
        { "/api/v1/auth/accept-invitation", "displayName" },
        { "/api/v1/auth/accept-invitation", "password" },
        { "/api/v1/auth/signup/confirm", "token" },
        { "/api/v1/auth/accept-invitation/confirm", "token" },
        { "/api/v1/auth/forgot-password", "email" },
        { "/api/v1/auth/reset-password", "token" },
        { "/api/v1/auth/reset-password", "password" },
    };

    private static Dictionary<string, string> ValidBody(string marker) => new()
    {
        ["brokerageName"] = $"Nul Realty {marker}",
        ["displayName"] = "Nul Tester",
        ["email"] = $"nul-{marker}@example.test",
        ["password"] = "correct-horse-battery-9",
        ["refreshToken"] = "brt_" + new string('a', 75),
        ["token"] = "binv_" + new string('a', 75),
        ["name"] = $"Nul {marker}",
    };

    private static async Task ShouldBeBadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field, body);
    }

    [Theory]
    [MemberData(nameof(AnonymousFields))]
    public async Task A_nul_character_in_an_anonymous_identity_route_is_400_naming_the_field(string route, string field)
    {
        var marker = Guid.NewGuid().ToString("N");
        var body = ValidBody(marker);
        body[field] = $"before{Nul}after";

        await ShouldBeBadRequestNamingAsync(await app.Anonymous().PostAsJsonAsync(route, body), field);

        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.tenants WHERE name = $1", $"Nul Realty {marker}"))
            .ShouldBe(0);
    }

    [Theory]
    [InlineData("POST", "/api/v1/users/invitations", "email")]
    [InlineData("POST", "/api/v1/api-keys", "name")]
    [InlineData("POST", "/api/v1/teams", "name")]
    [InlineData("PATCH", "/api/v1/users/{self}", "displayName")]
    [InlineData("PATCH", "/api/v1/me", "displayName")]
    [InlineData("PATCH", "/api/v1/me", "phone")]
    [InlineData("PATCH", "/api/v1/me", "timeZone")]
    [InlineData("POST", "/api/v1/me/password", "currentPassword")]
    [InlineData("POST", "/api/v1/me/password", "newPassword")]
    public async Task A_nul_character_in_an_authenticated_identity_route_is_400_naming_the_field(string method, string route,
        string field)
    {
        var owner = await app.SignupAsync();
        var body = new Dictionary<string, object?> { ["role"] = "agent", [field] = $"x{Nul}y" };
        if (field == "email")
        {
            body[field] = $"x{Nul}y@example.test";
        }

        var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{self}", owner.UserId.ToString()))
        {
            Content = JsonContent.Create(body),
        };

        await ShouldBeBadRequestNamingAsync(await owner.Client.SendAsync(request), field);

        var me = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("displayName").GetString().ShouldBe("Test Owner");
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/teams")).GetArrayLength().ShouldBe(0);
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/api-keys")).GetArrayLength().ShouldBe(0);
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/users/invitations")).GetArrayLength().ShouldBe(0);
    }
}
