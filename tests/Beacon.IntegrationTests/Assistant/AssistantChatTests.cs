using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Assistant;

/// <summary>The assistant's socket and threads (docs/assistant.md) against the in-process server and a real database.</summary>
public sealed class AssistantChatTests(BeaconApp app)
{
    [Fact]
    public async Task A_question_is_stored_then_answered_token_by_token_naming_its_agent_and_the_thread_keeps_both()
    {
        var owner = await app.SignupAsync();
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);

        await chat.SendAsync("how do I import leads", clientId: "c-1");
        var accepted = await chat.NextOfAsync("accepted");
        accepted.GetProperty("clientId").GetString().ShouldBe("c-1");
        var answer = await chat.ReadAnswerAsync(accepted.GetProperty("threadId").GetGuid());

        answer.AgentName.ShouldBe("product_help");
        answer.Tokens.ShouldBeGreaterThan(10, "the answer streams word by word");
        answer.Text.ShouldContain("Import");
        answer.Cancelled.ShouldBeFalse();
        var thread = await AssistantClient.ThreadAsync(owner.Client, answer.ThreadId);
        var messages = thread.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("role").GetString()).ShouldBe(["user", "assistant"]);
        messages[0].GetProperty("text").GetString().ShouldBe("how do I import leads");
        messages[0].GetProperty("id").GetGuid().ShouldBe(accepted.GetProperty("messageId").GetGuid());
        messages[1].GetProperty("id").GetGuid().ShouldBe(answer.MessageId);
        messages[1].GetProperty("text").GetString().ShouldBe(answer.Text);
        messages[1].GetProperty("agentName").GetString().ShouldBe("product_help");
        var threads = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/assistant/threads", ApiClient.Json);
        threads.EnumerateArray().Single().GetProperty("title").GetString().ShouldBe("how do I import leads");
    }

    [Fact]
    public async Task Cancel_stops_the_stream_and_the_thread_keeps_the_part_that_was_sent_marked_cancelled()
    {
        var owner = await app.SignupAsync();
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);
        await chat.SendAsync("what can you do");
        var threadId = (await chat.NextOfAsync("accepted")).GetProperty("threadId").GetGuid();
        var first = await chat.NextOfAsync("token");

        await chat.Socket.SendAsync(new { type = "cancel" });
        var rest = await chat.ReadAnswerAsync(threadId);

        rest.Cancelled.ShouldBeTrue();
        var stored = (await AssistantClient.ThreadAsync(owner.Client, threadId)).GetProperty("messages")[1];
        stored.GetProperty("status").GetString().ShouldBe("cancelled");
        stored.GetProperty("text").GetString().ShouldBe(first.GetProperty("text").GetString() + rest.Text);
        stored.GetProperty("text").GetString()!.Length.ShouldBeLessThan(150, "the fallback's full answer is longer than what was sent");
    }

    [Fact]
    public async Task A_thread_resumes_after_a_reconnect_and_a_resent_message_is_neither_stored_nor_answered_twice()
    {
        var owner = await app.SignupAsync();
        Guid threadId;
        await using (var first = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken))
        {
            threadId = (await first.AskAsync("how many leads do I have in each stage")).ThreadId;
        }

        await using var second = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);
        await second.SendAsync("how do I invite a user", threadId, clientId: "same");
        (await second.NextOfAsync("accepted")).GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        (await second.ReadAnswerAsync(threadId)).AgentName.ShouldBe("product_help");
        await second.SendAsync("how do I invite a user", threadId, clientId: "same");
        (await second.NextOfAsync("accepted")).GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        var next = await second.AskAsync("hello", threadId);

        next.AgentName.ShouldBe("fallback", "the resend got no second answer: the next frames answer the next question");
        var roles = (await AssistantClient.ThreadAsync(owner.Client, threadId)).GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("role").GetString()).ToList();
        roles.ShouldBe(["user", "assistant", "user", "assistant", "user", "assistant"]);
    }

    [Fact]
    public async Task Another_users_thread_is_404_and_missing_from_their_list_and_cannot_be_written_to()
    {
        var owner = await app.SignupAsync();
        var (_, _, agent) = await ApiClient.AddMemberAsync(owner, app.Anonymous, "agent");
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);
        var threadId = (await chat.AskAsync("hello")).ThreadId;

        (await agent.GetAsync($"/api/v1/assistant/threads/{threadId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await agent.GetFromJsonAsync<JsonElement>("/api/v1/assistant/threads", ApiClient.Json)).GetArrayLength().ShouldBe(0);
        await using var theirs = await AssistantClient.ConnectAsync(app, AssistantClient.TokenOf(agent));
        await theirs.SendAsync("hello", threadId, "intruder");
        var refused = await theirs.NextOfAsync("error");
        refused.GetProperty("code").GetString().ShouldBe("unknown_thread");
        refused.GetProperty("field").GetString().ShouldBe("threadId");
        (await AssistantClient.ThreadAsync(owner.Client, threadId)).GetProperty("messages").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_socket_without_a_valid_auth_frame_closes_with_4401()
    {
        await using var forged = await AssistantClient.ConnectAsync(app, null);
        await forged.Socket.AuthAsync("not-a-token");
        (await forged.Socket.NextAsync()).ShouldBeNull();
        ((int?)forged.Socket.Socket.CloseStatus).ShouldBe(4401);

        await using var silent = await AssistantClient.ConnectAsync(app, null);
        await silent.SendAsync("hello");
        (await silent.Socket.NextAsync()).ShouldBeNull();
        ((int?)silent.Socket.Socket.CloseStatus).ShouldBe(4401);
    }
}
