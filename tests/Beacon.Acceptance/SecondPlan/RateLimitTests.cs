using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.SecondPlan;

/// <summary>
/// The second plan's journey 8, at the deployment's own quotas: one person's REST calls, live-socket messages and
/// assistant questions are each limited per person, a refusal says what was spent and when to retry, and another
/// person of the brokerage is not held back.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed partial class RateLimitTests(AcceptanceStack stack)
{
    [Fact]
    public async Task Journey_8_rate_limits_across_api_websocket_and_assistant()
    {
        var journey = new Scenario("Journey 8 (rate limits across API, WebSocket and assistant)", steps: 5);
        var (owner, agent) = await journey.StepAsync("a brokerage signs up and invites an agent", async () =>
        {
            var session = await stack.SignupAsync("Quota Realty");
            var (_, _, client) = await ApiClient.AddMemberAsync(session, stack.Anonymous, "agent");
            return (session, client);
        });

        await journey.StepAsync("the agent spends what the RateLimit header says remains; the next call is 429 with Retry-After", async () =>
        {
            var first = await agent.GetAsync("/api/v1/leads?limit=1");
            await first.EnsureSuccessAsync();
            var remaining = int.Parse(Remaining().Match(first.Headers.GetValues("RateLimit").Single()).Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            remaining.ShouldBeGreaterThan(0);
            var spent = 0;
            await Parallel.ForAsync(0, remaining, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) =>
            {
                using var response = await agent.GetAsync("/api/v1/leads?limit=1", ct);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref spent);
                }
            });
            spent.ShouldBe(remaining, "every call within the quota is answered");
            using var refused = await agent.GetAsync("/api/v1/leads?limit=1");
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter.ShouldNotBeNull();
            (await refused.Content.ReadAsStringAsync()).ShouldContain("quota");
        });

        await journey.StepAsync("the owner, another person of the same brokerage, is not held back", async () =>
            (await owner.Client.GetAsync("/api/v1/leads?limit=1")).StatusCode.ShouldBe(HttpStatusCode.OK));

        await journey.StepAsync("the owner's live-socket messages past the per-person quota are answered rate_limited, the socket stays open", async () =>
        {
            var sockets = new List<Socket>();
            try
            {
                Socket? limited = null;
                for (var i = 0; i < 30 && limited is null; i++)
                {
                    var socket = await Socket.ConnectAsync(stack.BaseAddress, "/api/v1/live");
                    sockets.Add(socket);
                    await socket.SendAsync(new { type = "auth", token = owner.Tokens.AccessToken });
                    await socket.NextOfAsync("ready");
                    // 45 at once: within one connection's burst of 50, so only the per-person quota can refuse them.
                    for (var m = 0; m < 45; m++)
                    {
                        await socket.SendAsync(new { type = "subscribe", topics = new[] { "leads" } });
                    }

                    try
                    {
                        var error = await socket.NextOfAsync("error", timeout: TimeSpan.FromSeconds(1));
                        error.GetProperty("code").GetString().ShouldBe("rate_limited");
                        error.GetProperty("retryAfterSeconds").GetInt32().ShouldBeGreaterThan(0);
                        limited = socket;
                    }
                    catch (OperationCanceledException)
                    {
                        // Within the quota so far: no answer to a subscribe.
                    }
                }

                limited.ShouldNotBeNull("30 sockets × 45 messages outrun the per-person quota");
                limited.CloseStatus.ShouldBeNull("a refused message is dropped, the socket is not closed");
            }
            finally
            {
                foreach (var socket in sockets)
                {
                    await socket.DisposeAsync();
                }
            }
        });

        await journey.StepAsync("the owner's assistant questions past the quota are refused, said so, and not stored", async () =>
        {
            await using var chat = await Socket.ConnectAsync(stack.BaseAddress, "/api/v1/assistant/ws");
            await chat.SendAsync(new { type = "auth", token = owner.Tokens.AccessToken });
            await chat.NextOfAsync("ready");
            Guid? thread = null;
            var answered = 0;
            JsonElement? refusal = null;
            for (var i = 0; i < 200 && refusal is null; i++)
            {
                await chat.SendAsync(new { type = "message", threadId = thread, text = "How do I import leads?", clientId = $"q{i}" });
                var reply = await chat.NextOfAnyAsync("accepted", "error");
                if (reply.GetProperty("type").GetString() == "error")
                {
                    refusal = reply;
                    break;
                }

                thread ??= reply.GetProperty("threadId").GetGuid();
                await chat.NextOfAsync("done");
                answered++;
            }

            var refused = refusal.ShouldNotBeNull("200 questions in a row outrun the per-person quota");
            refused.GetProperty("code").GetString().ShouldBe("rate_limited");
            refused.GetProperty("clientId").GetString().ShouldBe($"q{answered}", "the refusal names the message it refused");
            refused.GetProperty("retryAfterSeconds").GetInt32().ShouldBeGreaterThan(0);
            var stored = (await owner.Client.ReadAsync($"/api/v1/assistant/threads/{thread}")).GetProperty("messages").EnumerateArray()
                .Count(m => m.GetProperty("role").GetString() == "user");
            stored.ShouldBe(answered, "the refused question was not stored");
        });

        journey.Done();
    }

    [GeneratedRegex(@"^""[^""]+"";r=(\d+);")]
    private static partial Regex Remaining();
}
