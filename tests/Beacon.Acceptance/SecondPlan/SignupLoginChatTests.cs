using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.SecondPlan;

/// <summary>
/// The second plan's journey 1: a person signs up in the web app, confirms by e-mail, is known to the backend as the
/// owner of their new brokerage, signs in, and a chat message over the socket gets a streamed answer from the agent the
/// supervisor picked, from their own data; the thread is kept and the message metered for billing.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class SignupLoginChatTests(AcceptanceStack stack)
{
    private const string Password = "journey-one-secret-7";

    [Fact]
    public async Task Journey_1_signup_login_chat()
    {
        var journey = new Scenario("Journey 1 (signup → login → chat)", steps: 7);
        var email = $"journey1-{Guid.NewGuid():N}@example.test";
        var brokerage = "Journey Realty " + Guid.NewGuid().ToString("N")[..6];
        await using var signupContext = await stack.NewContextAsync();
        var signup = await journey.StepAsync("a person signs up in the web app and is asked to confirm by e-mail", async () =>
        {
            var page = await signupContext.NewPageAsync();
            await page.GotoAsync("/signup");
            await page.GetByLabel("Brokerage or team name").FillAsync(brokerage);
            await page.GetByLabel("Your name").FillAsync("Jordan Journey");
            await page.GetByLabel("Work email").FillAsync(email);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your e-mail");
            return page;
        });

        await journey.StepAsync("the e-mailed link confirms the account", async () =>
        {
            var token = await SmtpSink.WaitForLinkTokenAsync(email, "/signup/confirm");
            await signup.GotoAsync($"/signup/confirm?token={token}");
            await Assertions.Expect(signup.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good", new() { Timeout = 20_000 });
        });

        var api = await journey.StepAsync("the backend knows the person as the owner of the new brokerage", async () =>
        {
            var tokens = await ApiClient.LoginAsync(stack.Anonymous(), email, Password);
            var client = stack.Anonymous().WithBearer(tokens.AccessToken);
            var me = await client.ReadAsync("/api/v1/me");
            me.GetProperty("email").GetString().ShouldBe(email);
            me.GetProperty("displayName").GetString().ShouldBe("Jordan Journey");
            me.GetProperty("role").GetString().ShouldBe("owner");
            me.GetProperty("tenant").GetProperty("name").GetString().ShouldBe(brokerage);
            await client.CaptureAssignedAsync(me.GetProperty("id").GetGuid(),
                new { firstName = "Chat", lastName = "Subject", email = $"{Guid.NewGuid():N}@example.test", source = "website" });
            return client;
        });

        await using var context = await stack.NewContextAsync();
        var page = await journey.StepAsync("the person signs in in a new browser and opens the assistant", async () =>
        {
            var signedIn = await Screens.SignInAsync(context, email, Password);
            await signedIn.GetByRole(AriaRole.Link, new() { Name = "Assistant", Exact = true }).ClickAsync();
            await Assertions.Expect(signedIn.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Assistant");
            return signedIn;
        });

        var answerText = await journey.StepAsync("a question about their pipeline is answered, streamed, by the pipeline analyst", async () =>
        {
            await page.GetByLabel("Message").FillAsync("How many leads do I have in each stage?");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            var answer = page.GetByTestId("assistant-messages").Locator(".assistant-assistant");
            await Assertions.Expect(answer.GetByTestId("agent-name")).ToHaveTextAsync("Pipeline analyst", new() { Timeout = 15_000 });
            await Assertions.Expect(answer).ToHaveAttributeAsync("data-status", "complete", new() { Timeout = 15_000 });
            await Assertions.Expect(answer.Locator(".assistant-text")).ToContainTextAsync("Your pipeline has 1 lead");
            return (await answer.Locator(".assistant-text").InnerTextAsync()).Trim();
        });

        await journey.StepAsync("the conversation is kept: the API returns the thread with the question and that answer", async () =>
        {
            var threads = await api.ReadAsync("/api/v1/assistant/threads");
            var thread = threads.EnumerateArray().Single();
            var messages = (await api.ReadAsync($"/api/v1/assistant/threads/{thread.GetProperty("id").GetGuid()}")).GetProperty("messages");
            messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()).ShouldBe(["user", "assistant"]);
            messages[0].GetProperty("text").GetString().ShouldBe("How many leads do I have in each stage?");
            messages[1].GetProperty("text").GetString()!.Trim().ShouldBe(answerText);
        });

        await journey.StepAsync("the message is metered for the brokerage's bill", () =>
            Poller.UntilAsync(() => api.ReadAsync("/api/v1/billing/usage"),
                u => u.GetProperty("meters").EnumerateArray().Any(m => m.GetProperty("meter").GetString() == "assistant_messages"
                    && m.GetProperty("quantity").GetInt64() == 1),
                TimeSpan.FromSeconds(60), "one assistant message on this month's usage"));
        journey.Done();
    }
}
