using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>
/// Single sign-on in a real browser: an owner connects the sandbox's identity provider under Settings, then a colleague
/// who has no Beacon account yet signs in through the provider's own page and lands in Beacon as a new agent.
/// </summary>
[Collection("Web")]
public sealed class SsoSignInTests(WebServerFixture web)
{
    private const string ClientId = "beacon-e2e";
    private const string ClientSecret = "sandbox-oidc-e2e-secret";

    [Fact]
    public async Task An_owner_connects_the_provider_and_a_new_colleague_signs_in_through_it_as_an_agent()
    {
        await using var sandbox = await SandboxProcess.StartAsync();
        using var idp = new HttpClient { BaseAddress = sandbox.IdentityProvider };
        var domain = $"e2e{Guid.NewGuid():N}"[..13] + ".test";
        var colleague = $"riley.rivera@{domain}";
        await (await idp.PostAsJsonAsync("/_sandbox/identity/clients", new
        {
            clientId = ClientId,
            clientSecret = ClientSecret,
            redirectUris = new[] { new Uri(web.BaseAddress, "/api/v1/auth/sso/callback").ToString() },
        })).EnsureSuccessAsync();
        await (await idp.PostAsJsonAsync("/_sandbox/identity/users",
            new { id = "riley", email = colleague, name = "Riley Rivera", emailVerified = true })).EnsureSuccessAsync();
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = web.BaseAddress });

        await using var ownerContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(ownerContext, owner.Email, owner.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" }).GetByRole(AriaRole.Link, new() { Name = "Single sign-on" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sso-redirect-uri")).ToContainTextAsync("/api/v1/auth/sso/callback");
        await page.GetByLabel("Let colleagues sign in with SSO").CheckAsync();
        await page.GetByLabel("Issuer").FillAsync(sandbox.IdentityProvider.ToString());
        await page.GetByLabel("Client ID").FillAsync(ClientId);
        await page.GetByLabel("Client secret", new() { Exact = true }).FillAsync(ClientSecret);
        await page.GetByLabel("Allowed e-mail domains").FillAsync(domain);
        await page.GetByLabel("Role of a colleague signing in for the first time").SelectOptionAsync("agent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved. Colleagues can now sign in with SSO.")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await using var colleagueContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var signIn = await colleagueContext.NewPageAsync();
        await signIn.GotoAsync("/signin");
        await signIn.GetByRole(AriaRole.Link, new() { Name = "Sign in with SSO" }).ClickAsync();
        await signIn.GetByLabel("Work email").FillAsync(colleague);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(signIn.GetByRole(AriaRole.Heading, new() { Name = "Sandbox identity provider" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await signIn.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Riley Rivera") }).ClickAsync();

        await Assertions.Expect(signIn.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good", new() { Timeout = 20_000 });
        await Assertions.Expect(signIn.Locator(".shell-user-name")).ToHaveTextAsync("Riley Rivera");
        await Assertions.Expect(signIn.Locator(".shell-user-text")).ToContainTextAsync("Agent");
        await Assertions.Expect(signIn).ToHaveURLAsync(new Regex("^" + Regex.Escape(web.BaseAddress.ToString().TrimEnd('/')) + "/$"));
    }
}
