using System.Text;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.SecondPlan;

/// <summary>
/// The second plan's journey 4: each message goes through the supervisor to the specialist agent it is about, the
/// agent works on the brokerage's data with the asker's permissions, and the answer streams back word by word.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class AgentPipelineTests(AcceptanceStack stack)
{
    [Fact]
    public async Task Journey_4_agent_processing_pipeline()
    {
        var journey = new Scenario("Journey 4 (agent processing pipeline)", steps: 7);
        var (owner, grade) = await journey.StepAsync("a brokerage has a scored lead, Gina Graded", async () =>
        {
            var session = await stack.SignupAsync("Agents Realty");
            var lead = (await session.Client.CaptureAssignedAsync(session.UserId, new
            {
                firstName = "Gina",
                lastName = "Graded",
                email = $"gina.{Guid.NewGuid():N}@example.test",
                source = "referral",
                timeline = "asap",
            })).GetProperty("id").GetGuid();
            var score = await Poller.UntilAsync(() => session.Client.ReadAsync($"/api/v1/leads/{lead}/score"),
                s => s.GetProperty("status").GetString() != "pending", TimeSpan.FromSeconds(30), "the lead is scored");
            return (session, score.GetProperty("grade").GetString()!);
        });

        await using var chat = await journey.StepAsync("the owner opens the assistant's socket", async () =>
        {
            var socket = await Socket.ConnectAsync(stack.BaseAddress, "/api/v1/assistant/ws");
            await socket.SendAsync(new { type = "auth", token = owner.Tokens.AccessToken });
            await socket.NextOfAsync("ready");
            return socket;
        });

        Guid? thread = null;
        async Task<Answer> AskAsync(string text)
        {
            var answer = await Answer.AskAsync(chat, text, thread);
            thread ??= answer.ThreadId;
            return answer;
        }

        await journey.StepAsync("'look up Gina' goes to the lead finder, which finds her", async () =>
        {
            var answer = await AskAsync("look up Gina");
            (answer.Agent, answer.Tokens > 1).ShouldBe(("lead_finder", true), answer.Text);
            answer.Text.ShouldContain("Gina Graded");
        });

        await journey.StepAsync($"'why is Gina Graded a {grade}?' goes to the score explainer, which gives the reasons", async () =>
        {
            var answer = await AskAsync($"why is Gina Graded a {grade}?");
            answer.Agent.ShouldBe("score_explainer", answer.Text);
            answer.Text.ShouldContain($"Gina Graded is a {grade}");
        });

        await journey.StepAsync("pipeline and product questions go to their agents", async () =>
        {
            var pipeline = await AskAsync("how many leads do I have in each stage");
            pipeline.Agent.ShouldBe("pipeline_analyst", pipeline.Text);
            pipeline.Text.ShouldContain("Your pipeline has 1 lead");
            var help = await AskAsync("how do I import leads");
            help.Agent.ShouldBe("product_help", help.Text);
            help.Text.ShouldContain("Import");
        });

        await journey.StepAsync("the whole conversation is kept in one thread, each answer with its agent", async () =>
        {
            var messages = (await owner.Client.ReadAsync($"/api/v1/assistant/threads/{thread}")).GetProperty("messages");
            messages.EnumerateArray().Where(m => m.GetProperty("role").GetString() == "assistant")
                .Select(m => m.GetProperty("agentName").GetString())
                .ShouldBe(["lead_finder", "score_explainer", "pipeline_analyst", "product_help"]);
        });

        await journey.StepAsync("an agent-role colleague asking the same finds nothing: the agents act with the asker's permissions", async () =>
        {
            var (_, _, colleague) = await ApiClient.AddMemberAsync(owner, stack.Anonymous, "agent");
            await using var theirs = await Socket.ConnectAsync(stack.BaseAddress, "/api/v1/assistant/ws");
            await theirs.SendAsync(new { type = "auth", token = colleague.DefaultRequestHeaders.Authorization!.Parameter });
            await theirs.NextOfAsync("ready");
            var answer = await Answer.AskAsync(theirs, "look up Gina", null);
            answer.Agent.ShouldBe("lead_finder", answer.Text);
            answer.Text.ShouldNotContain("Gina Graded", customMessage: "Gina is the owner's lead, not the colleague's");
        });
        journey.Done();
    }

    /// <summary>An answer as it streamed: the agent that gave it (from the <c>done</c> frame), its words, how many token frames.</summary>
    private sealed record Answer(Guid ThreadId, string Agent, string Text, int Tokens)
    {
        public static async Task<Answer> AskAsync(Socket chat, string question, Guid? thread)
        {
            await chat.SendAsync(new { type = "message", threadId = thread, text = question, clientId = Guid.NewGuid().ToString("N") });
            var accepted = await chat.NextOfAsync("accepted");
            var text = new StringBuilder();
            var tokens = 0;
            while (true)
            {
                var frame = await chat.NextOfAnyAsync("token", "done");
                if (frame.GetProperty("type").GetString() == "done")
                {
                    return new Answer(accepted.GetProperty("threadId").GetGuid(), frame.GetProperty("agent_name").GetString()!, text.ToString(), tokens);
                }

                tokens++;
                text.Append(frame.GetProperty("text").GetString());
            }
        }
    }
}
