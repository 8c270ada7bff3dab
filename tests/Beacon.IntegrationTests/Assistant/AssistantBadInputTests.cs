using System.Net.WebSockets;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Assistant;

/// <summary>Bad frames get an error frame naming the problem, store nothing, and leave the connection open.</summary>
public sealed class AssistantBadInputTests(BeaconApp app)
{
    [Fact]
    public async Task Empty_oversized_binary_and_malformed_frames_each_get_a_named_error_and_the_next_question_is_answered()
    {
        var owner = await app.SignupAsync();
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);

        await chat.SendAsync("   ", clientId: "empty");
        await ExpectErrorAsync(chat, "empty_text", "text");
        await chat.SendAsync(new string('x', 4_001), clientId: "long");
        await ExpectErrorAsync(chat, "text_too_long", "text");
        await chat.SendRawAsync("{\"type\":\"message\",\"text\":\"" + new string('y', 100 * 1024) + "\",\"clientId\":\"huge\"}");
        (await chat.NextOfAsync("error")).GetProperty("code").GetString().ShouldBe("too_large");
        await chat.Socket.Socket.SendAsync(new byte[] { 0xff, 0x00, 0x01 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        (await chat.NextOfAsync("error")).GetProperty("code").GetString().ShouldBe("binary_frame");
        await chat.SendRawAsync("{not json");
        (await chat.NextOfAsync("error")).GetProperty("code").GetString().ShouldBe("invalid_json");
        await chat.SendRawAsync("{\"type\":\"message\",\"text\":\"hi\"}");
        await ExpectErrorAsync(chat, "invalid_field", "clientId");
        await chat.SendRawAsync("{\"type\":\"message\",\"text\":\"hi\",\"clientId\":\"t\",\"threadId\":\"nope\"}");
        await ExpectErrorAsync(chat, "invalid_field", "threadId");
        await chat.SendRawAsync("{\"type\":\"shout\"}");
        await ExpectErrorAsync(chat, "unknown_type", "type");

        (await chat.AskAsync("hello")).AgentName.ShouldBe("fallback", "the connection survived every bad frame");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM assistant.messages WHERE tenant_id = $1 AND role = 'user'", owner.TenantId))
            .ShouldBe(1, "no bad frame was stored");
    }

    [Fact]
    public async Task A_flood_gets_rate_limited_errors_without_storing_and_a_persisting_one_is_closed_with_1008()
    {
        var owner = await app.SignupAsync();
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);
        var quota = 20; // Beacon:RateLimits:Assistant:PerPrincipal
        for (var i = 0; i < quota; i++)
        {
            await chat.SendAsync("hello", clientId: $"flood-{i}");
        }

        for (var i = 0; i < 10; i++)
        {
            await chat.SendAsync("hello", clientId: $"over-{i}");
        }

        var frames = new List<System.Text.Json.JsonElement>();
        while (await chat.Socket.NextAsync(TimeSpan.FromSeconds(30)) is { } frame)
        {
            frames.Add(frame);
        }

        var limited = frames.Where(f => f.TryGetProperty("code", out var c) && c.GetString() == "rate_limited").ToList();
        limited.Select(f => f.GetProperty("clientId").GetString()).ShouldBe(Enumerable.Range(0, 10).Select(i => $"over-{i}"));
        limited[0].GetProperty("retryAfterSeconds").GetInt32().ShouldBeGreaterThan(0);
        frames.Count(f => f.GetProperty("type").GetString() == "accepted").ShouldBe(quota);
        chat.Socket.Socket.CloseStatus.ShouldBe(WebSocketCloseStatus.PolicyViolation);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM assistant.messages WHERE tenant_id = $1 AND role = 'user'", owner.TenantId))
            .ShouldBe(quota, "every accepted message is stored, no refused one");
    }

    private static async Task ExpectErrorAsync(AssistantClient chat, string code, string field)
    {
        var error = await chat.NextOfAsync("error");
        error.GetProperty("code").GetString().ShouldBe(code);
        error.GetProperty("field").GetString().ShouldBe(field);
    }
}
