using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity.Sso;

/// <summary><c>GET/PUT /api/v1/sso</c>: what is stored, what is never shown, and bad input refused naming the field.</summary>
[Collection(SsoCollection.Name)]
public sealed class SsoSettingsTests(BeaconApp app, SandboxIdentityProvider idp)
{
    [Fact]
    public async Task The_client_secret_is_never_answered_and_is_kept_when_a_save_leaves_it_out()
    {
        var brokerage = await SsoBrokerage.CreateAsync(app, idp);

        var shown = await brokerage.Owner.Client.GetStringAsync("/api/v1/sso");
        using var resaved = await brokerage.Owner.Client.PutAsJsonAsync("/api/v1/sso",
            SsoBrokerage.Settings(idp, brokerage.Domain, defaultRole: "read_only", secret: null));

        shown.ShouldNotContain(SandboxIdentityProvider.ClientSecret);
        JsonDocument.Parse(shown).RootElement.GetProperty("clientSecretSet").GetBoolean().ShouldBeTrue();
        JsonDocument.Parse(shown).RootElement.GetProperty("redirectUri").GetString().ShouldBe(SandboxIdentityProvider.RedirectUri);
        resaved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var email = brokerage.Address("kept");
        using var browser = new SsoBrowser(app);
        var (_, me) = await browser.SignInAndCollectAsync(email, await idp.PutUserAsync(email, "Kim Kept"));
        me.GetProperty("role").GetString().ShouldBe("read_only", "the stored secret still redeems codes");
    }

    public static TheoryData<string, string> BadSettings => new()
    {
        { "issuer", """{"enabled":true,"issuer":"not a url","clientId":"c","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"agent","ssoOnly":false}""" },
        { "issuer", """{"enabled":true,"issuer":"http://127.0.0.1:1/","clientId":"c","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"agent","ssoOnly":false}""" },
        { "issuer", """{"enabled":true,"issuer":"https://169.254.169.254/","clientId":"c","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"agent","ssoOnly":false}""" },
        { "issuer", """{"enabled":true,"issuer":"https://10.20.30.40/realm","clientId":"c","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"agent","ssoOnly":false}""" },
        { "issuer", """{"enabled":true,"issuer":"{issuer}/nowhere","clientId":"c","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"agent","ssoOnly":false}""" },
        { "allowedDomains", """{"enabled":true,"issuer":"{issuer}","clientId":"c","clientSecret":"s","allowedDomains":[],"defaultRole":"agent","ssoOnly":false}""" },
        { "allowedDomains", """{"enabled":true,"issuer":"{issuer}","clientId":"c","clientSecret":"s","allowedDomains":["not a domain"],"defaultRole":"agent","ssoOnly":false}""" },
        { "defaultRole", """{"enabled":true,"issuer":"{issuer}","clientId":"c","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"owner","ssoOnly":false}""" },
        { "defaultRole", """{"enabled":true,"issuer":"{issuer}","clientId":"c","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"chief","ssoOnly":false}""" },
        { "ssoOnly", """{"enabled":false,"issuer":"{issuer}","clientId":"c","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"agent","ssoOnly":true}""" },
        { "clientSecret", """{"enabled":true,"issuer":"{issuer}","clientId":"c","allowedDomains":["{domain}"],"defaultRole":"agent","ssoOnly":false}""" },
        { "clientId", """{"enabled":true,"issuer":"{issuer}","clientSecret":"s","allowedDomains":["{domain}"],"defaultRole":"agent","ssoOnly":false}""" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Bad_settings_are_refused_naming_the_field_and_change_nothing(string field, string body)
    {
        var owner = await app.SignupAsync();
        var json = body.Replace("{domain}", SsoBrokerage.NewDomain(), StringComparison.Ordinal)
            .Replace("{issuer}", idp.Issuer.ToString().TrimEnd('/'), StringComparison.Ordinal);

        using var response = await owner.Client.PutAsync("/api/v1/sso", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldContain(n => n.Equals(field, StringComparison.OrdinalIgnoreCase));
        var stored = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/sso", ApiClient.Json);
        stored.GetProperty("configured").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData("https://169.254.169.254/")]
    [InlineData("https://10.20.30.40/realm")]
    [InlineData("https://[fd00::1]/")]
    public async Task An_issuer_on_a_private_or_metadata_address_is_refused_without_being_called(string issuer)
    {
        var owner = await app.SignupAsync();

        using var response = await owner.Client.PutAsJsonAsync("/api/v1/sso", new
        {
            enabled = true,
            issuer,
            clientId = "c",
            clientSecret = "s",
            allowedDomains = new[] { SsoBrokerage.NewDomain() },
            defaultRole = "agent",
            ssoOnly = false,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("issuer")[0].GetString()!.ShouldContain("private", Case.Insensitive,
            "the server tried to read a discovery document on its own network instead of refusing the address");
    }

    [Fact]
    public async Task A_domain_another_brokerage_signs_in_with_is_refused()
    {
        var first = await SsoBrokerage.CreateAsync(app, idp);
        var second = await app.SignupAsync();

        using var response = await second.Client.PutAsJsonAsync("/api/v1/sso", SsoBrokerage.Settings(idp, first.Domain));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("allowedDomains")[0].GetString()!.ShouldContain(first.Domain);
    }
}
