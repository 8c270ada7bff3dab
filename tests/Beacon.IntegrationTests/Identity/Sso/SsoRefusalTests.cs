using System.Net;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity.Sso;

/// <summary>
/// Every refused single sign-on lands on the web app's error page with its reason (never a stack trace), and no
/// session or account comes of it.
/// </summary>
[Collection(SsoCollection.Name)]
public sealed class SsoRefusalTests(BeaconApp app, SandboxIdentityProvider idp)
{
    [Fact]
    public async Task A_callback_without_state_or_with_a_forged_one_is_refused()
    {
        using var browser = new SsoBrowser(app);

        var missing = await browser.CallbackAsync(new Uri("http://localhost/api/v1/auth/sso/callback?code=abc"));
        var forged = await browser.CallbackAsync(new Uri("http://localhost/api/v1/auth/sso/callback?code=abc&state=" + new string('A', 120)));

        SsoBrowser.Refusal(missing).ShouldBe("state");
        SsoBrowser.Refusal(forged).ShouldBe("state");
    }

    [Fact]
    public async Task A_provider_answer_brought_back_by_another_browser_is_refused()
    {
        var (brokerage, email, person) = await PersonAsync("victim");
        using var victim = new SsoBrowser(app);
        var callback = await victim.ChooseAsync(await victim.StartAsync(email), person);
        using var attacker = new SsoBrowser(app);

        var landing = await attacker.CallbackAsync(callback);

        SsoBrowser.Refusal(landing).ShouldBe("state", $"{brokerage.Domain}: the correlation cookie is the victim's");
    }

    [Fact]
    public async Task A_replayed_authorization_code_is_refused_by_the_provider()
    {
        var (_, email, person) = await PersonAsync("replay");
        using var browser = new SsoBrowser(app);
        var callback = await browser.ChooseAsync(await browser.StartAsync(email), person);
        var cookies = browser.CallbackCookies;
        SsoBrowser.Handoff(await browser.CallbackAsync(callback));

        // The same answer again with the same cookies (a second tab, a resubmitted history entry, a stolen request).
        using var replay = new HttpRequestMessage(HttpMethod.Get, callback.PathAndQuery);
        replay.Headers.Add("Cookie", cookies);
        using var response = await app.Factory.CreateDefaultClient().SendAsync(replay);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        SsoBrowser.Refusal(response.Headers.Location!).ShouldBe("code_rejected");
    }

    [Fact]
    public async Task An_id_token_from_another_issuer_is_refused()
    {
        var (_, email, person) = await PersonAsync("issuer");
        using var browser = new SsoBrowser(app);
        var callback = await browser.ChooseAsync(await browser.StartAsync(email), person);

        await idp.SpoilNextIdTokenAsync(issuer: "https://impostor.example/");
        SsoBrowser.Refusal(await browser.CallbackAsync(callback)).ShouldBe("issuer");
    }

    [Fact]
    public async Task An_id_token_issued_to_another_client_is_refused()
    {
        var (_, email, person) = await PersonAsync("audience");
        using var browser = new SsoBrowser(app);
        var callback = await browser.ChooseAsync(await browser.StartAsync(email), person);

        await idp.SpoilNextIdTokenAsync(audience: "some-other-app");
        SsoBrowser.Refusal(await browser.CallbackAsync(callback)).ShouldBe("audience");
    }

    [Fact]
    public async Task An_address_the_provider_has_not_verified_is_refused_and_no_account_is_created()
    {
        var brokerage = await SsoBrokerage.CreateAsync(app, idp);
        var email = brokerage.Address("unverified");
        var person = await idp.PutUserAsync(email, "Una Verified", emailVerified: false);
        using var browser = new SsoBrowser(app);

        SsoBrowser.Refusal(await browser.SignInAsync(email, person)).ShouldBe("email_unverified");
        var users = await brokerage.Owner.Client.GetStringAsync("/api/v1/users");
        users.ShouldNotContain(email);
    }

    [Fact]
    public async Task A_person_of_a_domain_the_brokerage_does_not_allow_is_refused()
    {
        var (_, email, _) = await PersonAsync("insider");
        var outsider = await idp.PutUserAsync($"outsider@{SsoBrokerage.NewDomain()}", "Otto Outsider");
        using var browser = new SsoBrowser(app);

        // Started with an allowed address, but the provider vouches for someone of another domain.
        SsoBrowser.Refusal(await browser.SignInAsync(email, outsider)).ShouldBe("domain_not_allowed");
    }

    private async Task<(SsoBrokerage Brokerage, string Email, string Person)> PersonAsync(string local)
    {
        var brokerage = await SsoBrokerage.CreateAsync(app, idp);
        var email = brokerage.Address(local);
        return (brokerage, email, await idp.PutUserAsync(email, "Test " + local));
    }
}
