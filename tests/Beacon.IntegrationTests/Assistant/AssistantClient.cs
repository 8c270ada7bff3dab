using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Beacon.IntegrationTests.Realtime;
using Beacon.IntegrationTests.Scoring;
using Beacon.TestKit;
using Shouldly;

namespace Beacon.IntegrationTests.Assistant;

/// <summary>A streamed answer as the browser assembles it, with the message the drafter wrote in it, if any.</summary>
internal sealed record StreamedAnswer(Guid ThreadId, Guid MessageId, string AgentName, string Text, int Tokens, bool Cancelled,
    JsonElement? Draft = null);

/// <summary>A test's end of the assistant socket: authenticate, ask, read the stream to its <c>done</c> frame.</summary>
internal sealed class AssistantClient(LiveClient socket) : IAsyncDisposable
{
    public LiveClient Socket { get; } = socket;

    public static Task<AssistantClient> ConnectAsync(BeaconApp app, string? token) => ConnectAsync(app.Factory, token);

    public static async Task<AssistantClient> ConnectAsync(BeaconFactory server, string? token)
    {
        var ws = server.Server.CreateWebSocketClient();
        var client = new AssistantClient(new LiveClient(await ws.ConnectAsync(
            new Uri(server.Server.BaseAddress, "/api/v1/assistant/ws").ToWs(), CancellationToken.None)));
        if (token is not null)
        {
            await client.Socket.AuthAsync(token);
            var ready = await client.Socket.NextAsync();
            if (ready?.GetProperty("type").GetString() != "ready")
            {
                throw new InvalidOperationException($"Expected ready, got {ready}");
            }
        }

        return client;
    }

    public static string TokenOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    public Task SendAsync(string text, Guid? threadId = null, string? clientId = null) =>
        Socket.SendAsync(new { type = "message", threadId, text, clientId = clientId ?? Guid.NewGuid().ToString("N") });

    public Task SendRawAsync(string frame) =>
        Socket.Socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Asks and reads the whole answer: accepted, the tokens, done.</summary>
    public async Task<StreamedAnswer> AskAsync(string text, Guid? threadId = null)
    {
        await SendAsync(text, threadId);
        var accepted = await NextOfAsync("accepted");
        return await ReadAnswerAsync(accepted.GetProperty("threadId").GetGuid());
    }

    public async Task<StreamedAnswer> ReadAnswerAsync(Guid threadId)
    {
        var text = new StringBuilder();
        var tokens = 0;
        JsonElement? draft = null;
        while (true)
        {
            var frame = await NextAsync();
            var type = frame.GetProperty("type").GetString();
            if (type == "token")
            {
                tokens++;
                text.Append(frame.GetProperty("text").GetString());
                continue;
            }

            if (type == "draft")
            {
                draft = frame.GetProperty("draft");
                continue;
            }

            if (type != "done")
            {
                throw new InvalidOperationException($"Expected token or done, got {frame}");
            }

            frame.GetProperty("threadId").GetGuid().ShouldBe(threadId, "the answer belongs to the question's thread");
            return new StreamedAnswer(threadId, frame.GetProperty("messageId").GetGuid(), frame.GetProperty("agent_name").GetString()!,
                text.ToString(), tokens, frame.GetProperty("cancelled").GetBoolean(), draft);
        }
    }

    public async Task<JsonElement> NextAsync() =>
        await Socket.NextAsync() ?? throw new InvalidOperationException($"The socket closed: {Socket.Socket.CloseStatus} {Socket.Socket.CloseStatusDescription}");

    public async Task<JsonElement> NextOfAsync(string type)
    {
        var frame = await NextAsync();
        return frame.GetProperty("type").GetString() == type ? frame : throw new InvalidOperationException($"Expected {type}, got {frame}");
    }

    public static async Task<JsonElement> ThreadAsync(HttpClient client, Guid threadId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/assistant/threads/{threadId}", ApiClient.Json);

    /// <summary>A lead assigned to <paramref name="agent"/>, scored, with its grade set by hand so answers are predictable.</summary>
    public static async Task<Guid> ScoredLeadAsync(HttpClient creator, string first, string last, string city, string grade, Guid? agent = null)
    {
        var lead = await ScoringApi.PostAsync(creator, "/api/v1/leads", new
        {
            firstName = first,
            lastName = last,
            email = $"{first}-{Guid.NewGuid():N}@example.test".ToLowerInvariant(),
            source = "referral",
            type = "buyer",
            areas = new[] { city },
            assignedAgentId = agent,
        });
        var id = lead.GetProperty("id").GetGuid();
        await ScoringApi.WaitForScoreAsync(creator, id);
        (await creator.PutAsJsonAsync($"/api/v1/leads/{id}/score/override", new { grade, reason = "set by the test" })).EnsureSuccessStatusCode();
        return id;
    }

    public ValueTask DisposeAsync() => Socket.DisposeAsync();
}
