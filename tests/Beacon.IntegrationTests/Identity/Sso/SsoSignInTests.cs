using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity.Sso;

/// <summary>Single sign-on through the sandbox's OpenID Connect provider: the flow that succeeds, and what it creates.</summary>
[Collection(SsoCollection.Name)]
public sealed class SsoSignInTests(BeaconApp app, SandboxIdentityProvider idp)
{
    [Fact]
    public async Task A_colleague_signing_in_for_the_first_time_joins_the_brokerage_with_its_default_role()
    {
        var brokerage = await SsoBrokerage.CreateAsync(app, idp, defaultRole: "team_lead");
        var email = brokerage.Address("pat.jones");
        var person = await idp.PutUserAsync(email, "Pat Jones");
        using var browser = new SsoBrowser(app);

        var (tokens, me) = await browser.SignInAndCollectAsync(email, person);

        me.GetProperty("email").GetString().ShouldBe(email);
        me.GetProperty("displayName").GetString().ShouldBe("Pat Jones");
        me.GetProperty("role").GetString().ShouldBe("team_lead");
        me.GetProperty("tenant").GetProperty("id").GetGuid().ShouldBe(brokerage.Owner.TenantId);
        var refreshed = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK, "the session is Beacon's own, refreshed like a password sign-in's");
        var users = await brokerage.Owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/users", ApiClient.Json);
        users.EnumerateArray().Count(u => u.GetProperty("email").GetString() == email).ShouldBe(1);
    }

    [Fact]
    public async Task The_name_follows_the_provider_on_every_sign_in_and_the_account_stays_the_same()
    {
        var brokerage = await SsoBrokerage.CreateAsync(app, idp);
        var email = brokerage.Address("sam");
        var person = await idp.PutUserAsync(email, "Sam Smith");
        using var browser = new SsoBrowser(app);
        var (_, first) = await browser.SignInAndCollectAsync(email, person);

        await idp.PutUserAsync(email, "Sam Smith-Okafor", id: person);
        var (_, second) = await browser.SignInAndCollectAsync(email, person);

        second.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        second.GetProperty("displayName").GetString().ShouldBe("Sam Smith-Okafor");
        second.GetProperty("role").GetString().ShouldBe("agent");
    }

    [Fact]
    public async Task A_hand_off_works_once()
    {
        var brokerage = await SsoBrokerage.CreateAsync(app, idp);
        var email = brokerage.Address("once");
        var person = await idp.PutUserAsync(email, "Oona Once");
        using var browser = new SsoBrowser(app);
        var handoff = SsoBrowser.Handoff(await browser.SignInAsync(email, person));

        (await browser.ExchangeAsync(handoff)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await browser.ExchangeAsync(handoff);

        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("handoff", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_colleague_deactivated_in_Beacon_cannot_sign_in_through_the_provider()
    {
        var brokerage = await SsoBrokerage.CreateAsync(app, idp);
        var email = brokerage.Address("gone");
        var person = await idp.PutUserAsync(email, "Gil Gone");
        using var browser = new SsoBrowser(app);
        var (_, me) = await browser.SignInAndCollectAsync(email, person);
        using var deactivated = await brokerage.Owner.Client.PatchAsJsonAsync($"/api/v1/users/{me.GetProperty("id").GetGuid()}", new { active = false });
        await deactivated.EnsureSuccessAsync();

        using var refused = await browser.ExchangeAsync(SsoBrowser.Handoff(await browser.SignInAsync(email, person)));

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!.ShouldContain("deactivated");
    }

    [Fact]
    public async Task An_address_whose_domain_has_no_single_sign_on_is_sent_to_the_error_page()
    {
        using var browser = new SsoBrowser(app);
        using var response = await browser.Beacon.GetAsync("/api/v1/auth/sso/start?email=" + Uri.EscapeDataString("x@" + SsoBrokerage.NewDomain()));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        SsoBrowser.Refusal(response.Headers.Location!).ShouldBe("not_configured");
    }

    [Fact]
    public async Task A_brokerage_set_to_sso_only_refuses_a_members_password_but_its_owner_keeps_it()
    {
        var brokerage = await SsoBrokerage.CreateAsync(app, idp, ssoOnly: true);
        var (_, memberEmail, _) = await ApiClient.AddMemberAsync(brokerage.Owner, app.Anonymous, "agent");

        var member = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = memberEmail, password = ApiClient.Password });
        var owner = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { email = brokerage.Owner.Email, password = ApiClient.Password });

        member.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await member.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!.ShouldContain("single sign-on");
        owner.StatusCode.ShouldBe(HttpStatusCode.OK, "owners keep password sign-in to switch SSO off when the provider fails");
        var wrong = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = memberEmail, password = "not-the-password-1" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a wrong password says nothing about single sign-on");
    }
}
