using System.Net;
using System.Net.Http.Json;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.SecondPlan;

/// <summary>
/// The second plan's journey 6: sessions outlive a restart of the server. The open page reconnects by itself, the API
/// client's tokens still work, and a reload signs the browser back in from its stored session.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class SessionPersistenceTests(AcceptanceStack stack)
{
    [Fact]
    public async Task Journey_6_session_persistence_across_a_restart()
    {
        var journey = new Scenario("Journey 6 (session persistence across a restart)", steps: 5);
        var owner = await journey.StepAsync("the owner signs up; the API client holds an access and a refresh token", () =>
            stack.SignupAsync("Restart Realty"));

        await using var browser = await stack.NewContextAsync();
        var page = await journey.StepAsync("the owner's lead list is open in the browser, live", async () =>
        {
            var signedIn = await Screens.SignInAsync(browser, owner.Email, owner.Password);
            await signedIn.GotoAsync("/leads");
            await Screens.LiveAsync(signedIn);
            return signedIn;
        });

        await journey.StepAsync("the server is stopped and started again on the same data, as a deploy does", async () =>
        {
            await stack.RestartAsync();
        });

        await journey.StepAsync("the page reconnects by itself and shows a lead created after the restart", async () =>
        {
            await Screens.LiveAsync(page);
            (await owner.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "the access token from before the restart");
            await owner.Client.CaptureAssignedAsync(owner.UserId, new { firstName = "Rita", lastName = "Restart", email = $"{Guid.NewGuid():N}@example.test" });
            await Assertions.Expect(page.GetByTestId("lead-list").Locator("li[data-lead-id]", new() { HasText = "Rita Restart" }))
                .ToHaveCountAsync(1, new() { Timeout = 10_000 });
        });

        await journey.StepAsync("the refresh token still refreshes, and a reload signs the browser back in from its stored session", async () =>
        {
            var refreshed = await stack.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = owner.Tokens.RefreshToken });
            refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Leads", Exact = true }))
                .ToHaveAttributeAsync("aria-busy", "false", new() { Timeout = 20_000 });
            page.Url.ShouldNotContain("/signin");
            await Assertions.Expect(page.GetByTestId("lead-list").Locator("li[data-lead-id]", new() { HasText = "Rita Restart" }))
                .ToHaveCountAsync(1);
        });
        journey.Done();
    }
}
