using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>NIST SP 800-63B: refuse passwords known to be common, and ones built from the account's own names.</summary>
public sealed class PasswordPolicyTests(BeaconApp app)
{
    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("password1234")]
    [InlineData("PassWord1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("summer2024!")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("iloveyou2020")]
    [InlineData("{local}-2024")]
    [InlineData("Harbour Homes 99")]
    public async Task Signup_refuses_a_breached_trivial_or_self_derived_password_naming_the_password(string password)
    {
        var local = $"kim{Guid.NewGuid():N}"[..12];
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/signup", new
        {
            brokerageName = "Harbour Homes",
            displayName = "Kim",
            email = $"{local}@example.test",
            password = password.Replace("{local}", local),
        });

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("password")[0].GetString()!
            .ShouldContain("guess");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity_private.user_directory WHERE email = $1",
            $"{local}@example.test")).ShouldBe(0);
    }

    [Fact]
    public async Task Accepting_an_invitation_refuses_a_password_containing_the_brokerage_name()
    {
        var owner = await app.SignupAsync("Seaside Estates");
        var invite = await owner.Client.PostAsJsonAsync("/api/v1/users/invitations",
            new { email = $"agent-{Guid.NewGuid():N}@example.test", role = "agent" });
        var token = (await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        var accept = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/accept-invitation",
            new { token, displayName = "New Agent", password = "SeasideEstates#1" });

        accept.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await accept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_long_uncommon_password_is_accepted()
    {
        var session = await app.SignupAsync("Harbour Homes");
        session.Password.ShouldBe(ApiClient.Password);
    }
}
