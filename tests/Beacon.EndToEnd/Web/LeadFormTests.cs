using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>The new-lead form in a real browser against the real server.</summary>
[Collection("Web")]
public sealed class LeadFormTests(WebServerFixture web)
{
    [Fact]
    public async Task A_new_lead_refused_by_the_server_is_saved_once_the_field_is_fixed()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        await WebApp.OpenLeadsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "New lead" }).ClickAsync();
        var surname = WebApp.UniqueName("Form");
        await page.GetByLabel("First name").FillAsync("Fiona");
        await page.GetByLabel("Last name").FillAsync(surname);
        // The form only asks for an address; the server is the one that finds this one invalid.
        await page.GetByLabel("Email").FillAsync("not-an-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Not a valid e-mail address.")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await page.GetByLabel("Email").FillAsync($"{surname.ToLowerInvariant()}@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/leads/[0-9a-f-]{36}$"), new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByText(surname).First).ToBeVisibleAsync();
    }
}
