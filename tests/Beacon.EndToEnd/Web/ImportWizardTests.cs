using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>The CSV import wizard in the browser: mapping, dry-run report, import with progress, errors file, undo.</summary>
[Collection("Web")]
public sealed class ImportWizardTests(WebServerFixture web)
{
    [Fact]
    public async Task A_CSV_is_checked_imported_its_rejected_rows_downloaded_and_the_import_undone()
    {
        var tag = WebApp.UniqueName("Imp");
        var csv = new StringBuilder("Name,E-mail,Cell,Budget,Notes,Favourite colour\n");
        for (var i = 0; i < 120; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Ivy {tag}{i},ivy{i}.{tag}@example.test,,{400_000 + i * 1000},called,blue\n");
        }

        csv.Append("Broken Row,not-an-email,,,,\n");
        var file = Path.Combine(Path.GetTempPath(), $"{tag}.csv");
        await File.WriteAllTextAsync(file, csv.ToString());

        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        await Assertions.Expect(page.GetByText("Check the mapping —")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByLabel("Field for column E-mail")).ToHaveValueAsync("email");
        await Assertions.Expect(page.Locator(".report .stat-good .stat-value")).ToHaveTextAsync("120");
        await WebApp.ScreenshotAsync(page, "import-review", fullPage: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 120 leads" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import finished" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "100");
        await WebApp.ScreenshotAsync(page, "import-done", fullPage: true);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download rejected rows (CSV)" }).ClickAsync());
        var errors = await File.ReadAllTextAsync(await download.PathAsync());
        errors.ShouldContain("not-an-email");

        await page.GetByRole(AriaRole.Button, new() { Name = "Undo this import" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import undone" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        File.Delete(file);
    }
}
