using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>Settings → Webhooks in a real browser: add an endpoint, keep the secret shown once, send a test event, read the log.</summary>
[Collection("Web")]
public sealed class WebhooksScreenTests(WebServerFixture web)
{
    [Fact]
    public async Task An_owner_adds_a_webhook_sends_a_test_event_and_sees_it_delivered_signed_with_the_secret_shown_once()
    {
        var received = new ConcurrentQueue<(string Timestamp, string Signature, string Body)>();
        await using var receiver = await StartReceiverAsync(received);
        var url = receiver.Urls.First() + "/hook";
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" }).GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await page.GetByLabel("Endpoint URL").FillAsync(url);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "lead.created" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        var secret = (await page.GetByTestId("webhook-secret").InnerTextAsync()).Trim();
        secret.ShouldStartWith("whsec_");
        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook-secret")).ToHaveCountAsync(0);

        var card = page.GetByRole(AriaRole.Article, new() { Name = $"Webhook {url}" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Cell, new() { Name = "webhook.ping" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await WaitAsync(() => !received.IsEmpty);
        // The attempt is logged once the receiver has answered: ask for the log until it shows.
        var delivered = card.GetByRole(AriaRole.Cell, new() { Name = "HTTP 200" });
        for (var i = 0; i < 40 && await delivered.CountAsync() == 0; i++)
        {
            await card.GetByRole(AriaRole.Button, new() { Name = "Delivery log" }).ClickAsync();
            await page.WaitForTimeoutAsync(250);
        }

        await Assertions.Expect(delivered).ToBeVisibleAsync();
        await WebApp.ScreenshotAsync(page, "webhooks", fullPage: true);

        received.TryPeek(out var ping).ShouldBeTrue();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{ping.Timestamp}.{ping.Body}"));
        ping.Signature.ShouldBe("v1=" + Convert.ToHexStringLower(mac), "signed with the secret the screen showed");

        // The demo brokerage is shared by the browser tests: leave no subscription behind to receive their leads.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
    }

    private static async Task WaitAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            await Task.Delay(50);
        }

        done().ShouldBeTrue("the receiver got the test event");
    }

    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<(string, string, string)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue((request.Headers["Beacon-Webhook-Timestamp"].ToString(), request.Headers["Beacon-Webhook-Signature"].ToString(),
                await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }
}
