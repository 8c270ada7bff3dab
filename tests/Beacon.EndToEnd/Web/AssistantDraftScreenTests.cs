using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>The message drafter in a real browser: a drafted e-mail appears as a card under the answer and Copy puts it on the clipboard.</summary>
[Collection("Web")]
public sealed class AssistantDraftScreenTests(WebServerFixture web)
{
    [Fact]
    public async Task An_owner_asks_for_a_follow_up_email_sees_the_draft_card_and_copies_it()
    {
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);
        var last = WebApp.UniqueName("Draft");
        await WebApp.CreateLeadAsync(api, "Dora", last);
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = web.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var page = await WebApp.SignInAsync(context, WebApp.Owner);

        await page.GetByRole(AriaRole.Link, new() { Name = "Assistant", Exact = true }).ClickAsync();
        await page.GetByLabel("Message").FillAsync($"write a follow-up email to Dora {last}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var answer = page.GetByTestId("assistant-messages").Locator(".assistant-assistant");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 15_000 });
        await Assertions.Expect(answer.GetByTestId("agent-name")).ToHaveTextAsync("Message drafter");
        var card = answer.GetByTestId("assistant-draft");
        await Assertions.Expect(card).ToContainTextAsync($"E-mail to Dora {last}");
        await Assertions.Expect(card).ToContainTextAsync("Following up");
        await Assertions.Expect(card.GetByTestId("assistant-draft-body")).ToContainTextAsync("Hi Dora,");
        await card.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Copied");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.StartsWith("Subject: Following up\n\nHi Dora,", copied, StringComparison.Ordinal);
        await WebApp.ScreenshotAsync(page, "assistant-draft", fullPage: true);
    }
}
