using System.Net;
using System.Net.Http.Json;
using Beacon.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>
/// The settings flows a person goes through in the browser, with the real e-mails read from the SMTP sink: an
/// invitation accepted and signed in with, an API key created, used and revoked, a forgotten password reset.
/// </summary>
[Collection("Web")]
public sealed class SettingsScreensTests(WebServerFixture web)
{
    private const string NewPassword = "harbour-lights-at-dusk-7";

    private static ILocator SettingsLink(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" }).GetByRole(AriaRole.Link, new() { Name = name });

    private static async Task OpenSettingsAsync(IPage page, string screen)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await SettingsLink(page, screen).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(screen);
    }

    [Fact]
    public async Task An_invited_agent_accepts_from_the_email_confirms_and_signs_in()
    {
        var email = $"invitee-{Guid.NewGuid():N}@example.test";
        await using var ownerContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var owner = await WebApp.SignInAsync(ownerContext, WebApp.Owner);
        await OpenSettingsAsync(owner, "Users & invitations");

        await owner.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await owner.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("agent");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(owner.GetByText($"Invitation e-mailed to {email}.")).ToBeVisibleAsync();
        await Assertions.Expect(owner.GetByTestId($"invitation-{email}")).ToContainTextAsync("open");

        var invitation = await SmtpSink.WaitForLinkTokenAsync(email, "/accept-invitation");
        await using var inviteeContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var invitee = await inviteeContext.NewPageAsync();
        await invitee.GotoAsync($"/accept-invitation?token={invitation}");
        await invitee.GetByLabel("Your name").FillAsync("Ivy Invited");
        await invitee.GetByLabel("Password", new() { Exact = true }).FillAsync(NewPassword);
        await invitee.GetByLabel("Repeat the password").FillAsync(NewPassword);
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" }).ClickAsync();
        await Assertions.Expect(invitee.GetByText("Almost there")).ToBeVisibleAsync();

        var confirmation = await SmtpSink.WaitForLinkTokenAsync(email, "/accept-invitation/confirm");
        await invitee.GotoAsync($"/accept-invitation/confirm?token={confirmation}");
        await Assertions.Expect(invitee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good", new() { Timeout = 20_000 });
        await Assertions.Expect(invitee.Locator(".shell-user-name")).ToHaveTextAsync("Ivy Invited");

        await using var laterContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var later = await WebApp.SignInAsync(laterContext, email, NewPassword);
        await later.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await Assertions.Expect(later.GetByRole(AriaRole.Navigation, new() { Name = "Settings" }).GetByRole(AriaRole.Link))
            .ToHaveTextAsync(["Profile", "Password", "Rate limits"]);
        await WebApp.ScreenshotAsync(later, "settings-agent-profile");
    }

    [Fact]
    public async Task An_api_key_created_on_screen_works_shows_its_last_use_and_is_refused_once_revoked()
    {
        var name = WebApp.UniqueName("Zap");
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        await OpenSettingsAsync(page, "API keys");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("agent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = (await page.GetByTestId("api-key-secret").InnerTextAsync()).Trim();
        key.ShouldStartWith("bk_");
        await WebApp.ScreenshotAsync(page, "settings-api-key-shown-once");
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("api-key-secret")).ToHaveCountAsync(0);

        using var integration = new HttpClient { BaseAddress = web.BaseAddress };
        integration.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await integration.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await SettingsLink(page, "Profile").ClickAsync();
        await SettingsLink(page, "API keys").ClickAsync();
        var row = page.GetByTestId($"api-key-{name}");
        await Assertions.Expect(row.GetByTestId("last-used")).Not.ToHaveTextAsync("Never");

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Revoked");
        await Poller.UntilAsync(async () => (await integration.GetAsync("/api/v1/me")).StatusCode,
            status => status == HttpStatusCode.Unauthorized, because: "a revoked key is refused");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_from_the_emailed_link_and_the_new_one_signs_in()
    {
        var member = await AddAgentAsync();
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(member);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("a link to choose a new password is on its way")).ToBeVisibleAsync();

        var token = await SmtpSink.WaitForLinkTokenAsync(member, "/reset-password");
        await page.GotoAsync($"/reset-password?token={token}");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Repeat the new password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password is changed")).ToBeVisibleAsync();
        await WebApp.ScreenshotAsync(page, "settings-password-reset");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(member);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good", new() { Timeout = 20_000 });
    }

    /// <summary>A new agent of Demo Realty through the real invitation flow (the demo users' passwords stay as the other tests need them).</summary>
    [Fact]
    public async Task An_agent_saves_an_email_signature_of_several_lines_on_the_profile_screen_and_finds_it_there_after_a_reload()
    {
        var member = await AddAgentAsync();
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, member, ApiClient.Password);
        await OpenSettingsAsync(page, "Profile");
        var signature = page.GetByLabel("E-mail signature");
        await Assertions.Expect(signature).ToHaveAttributeAsync("placeholder", $"Test agent\n{member}");

        await signature.FillAsync("Ada Agent\nAcme Realty · 312 555 0142");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your profile is saved.")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("E-mail signature")).ToHaveValueAsync("Ada Agent\nAcme Realty · 312 555 0142");
        await WebApp.ScreenshotAsync(page, "settings-profile-signature");
    }

    private async Task<string> AddAgentAsync()
    {
        using var owner = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);
        var session = new TenantSession(Guid.Empty, Guid.Empty, WebApp.Owner, WebApp.DemoPassword, new Tokens("", "", 0), owner);
        var (_, email, client) = await ApiClient.AddMemberAsync(session, () => new HttpClient { BaseAddress = web.BaseAddress }, "agent");
        client.Dispose();
        return email;
    }
}
