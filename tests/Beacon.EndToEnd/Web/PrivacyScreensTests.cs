using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>The lead page's privacy panel in a real browser: an objection, the data export download, a typed-confirmation erasure.</summary>
[Collection("Web")]
public sealed class PrivacyScreensTests(WebServerFixture web)
{
    [Fact]
    public async Task An_owner_records_an_objection_downloads_the_export_and_erases_the_lead_only_after_typing_its_name()
    {
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);
        var surname = WebApp.UniqueName("Gdpr");
        var lead = await WebApp.CreateLeadAsync(api, "Greta", surname);
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        await page.GotoAsync($"/leads/{lead}");
        var privacy = page.GetByRole(AriaRole.Region, new() { Name = "Privacy" });

        await privacy.GetByLabel("Purpose", new() { Exact = true }).SelectOptionAsync("profiling");
        await privacy.GetByLabel("Decision", new() { Exact = true }).SelectOptionAsync("objected");
        await privacy.GetByLabel("Where", new() { Exact = true }).FillAsync("phone call");
        await privacy.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(privacy.Locator("dd[data-purpose=profiling]")).ToContainTextAsync("Objected", new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("score-objected")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        var download = await page.RunAndWaitForDownloadAsync(() =>
            privacy.GetByRole(AriaRole.Button, new() { Name = "Export data" }).ClickAsync());
        var exported = await File.ReadAllTextAsync(await download.PathAsync());
        exported.ShouldContain(surname);
        exported.ShouldContain("\"objected\"");

        await privacy.GetByRole(AriaRole.Button, new() { Name = "Erase lead…" }).ClickAsync();
        await privacy.GetByLabel("Reason", new() { Exact = true }).FillAsync("data subject request");
        var erase = privacy.GetByRole(AriaRole.Button, new() { Name = "Erase permanently" });
        await privacy.GetByLabel(new Regex("to confirm")).FillAsync("Greta");
        await Assertions.Expect(erase).ToBeDisabledAsync();
        await WebApp.ScreenshotAsync(page, "privacy-erase-confirmation", fullPage: true);
        await privacy.GetByLabel(new Regex("to confirm")).FillAsync($"greta {surname}");
        await erase.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/leads$"), new() { Timeout = 10_000 });
        (await api.GetAsync($"/api/v1/leads/{lead}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
