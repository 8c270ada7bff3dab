using Beacon.TestKit;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>The assistant's whole journey in a real browser: sign up, confirm, sign in, chat, a streamed answer naming its agent.</summary>
[Collection("Web")]
public sealed class AssistantScreenTests(WebServerFixture web)
{
    private const string Password = "assistant-journey-42";

    [Fact]
    public async Task A_new_brokerage_signs_up_signs_in_and_gets_a_streamed_answer_naming_its_agent()
    {
        var email = $"assist-{Guid.NewGuid():N}@example.test";
        await using var signupContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var signup = await signupContext.NewPageAsync();
        await signup.GotoAsync("/signup");
        await signup.GetByLabel("Brokerage or team name").FillAsync(WebApp.UniqueName("Chat Realty "));
        await signup.GetByLabel("Your name").FillAsync("Casey Chat");
        await signup.GetByLabel("Work email").FillAsync(email);
        await signup.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await signup.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(signup.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your e-mail");
        var confirmation = await SmtpSink.WaitForLinkTokenAsync(email, "/signup/confirm");
        await signup.GotoAsync($"/signup/confirm?token={confirmation}");
        await Assertions.Expect(signup.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good", new() { Timeout = 20_000 });

        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, email, Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Assistant", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Assistant");
        await page.GetByLabel("Message").FillAsync("How do I import leads?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var answer = page.GetByTestId("assistant-messages").Locator(".assistant-assistant");
        // The Stop button is there while words arrive, and the answer grows until it is complete.
        await Assertions.Expect(answer.GetByTestId("agent-name")).ToHaveTextAsync("Product help", new() { Timeout = 15_000 });
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 15_000 });
        await Assertions.Expect(answer.Locator(".assistant-text")).ToContainTextAsync("Leads → Import");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" }).GetByRole(AriaRole.Button,
            new() { Name = "How do I import leads?" })).ToBeVisibleAsync();
        await WebApp.ScreenshotAsync(page, "assistant-answer", fullPage: true);
    }
}
