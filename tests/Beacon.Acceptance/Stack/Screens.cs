using Microsoft.Playwright;

namespace Beacon.Acceptance.Stack;

/// <summary>What a person does in the web app, step by step, in the scenarios that look at a screen.</summary>
internal static class Screens
{
    /// <summary>Signs in through the sign-in page and waits for the dashboard's greeting.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good", new() { Timeout = 20_000 });
        return page;
    }

    /// <summary>Waits until the page's live connection is up (the dashboard then follows changes without a reload).</summary>
    public static Task LiveAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });
}
