using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.SecondPlan;

/// <summary>
/// The second plan's journey 2: the token the auth endpoints issue opens Beacon's sockets (the chat's and the live
/// stream's) and the web app's own connection; an altered token is refused with 4401; refresh rotates, sign-out ends it.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class WebSocketHandshakeTests(AcceptanceStack stack)
{
    [Fact]
    public async Task Journey_2_websocket_auth_token_handshake()
    {
        var journey = new Scenario("Journey 2 (WebSocket auth token handshake)", steps: 7);
        var owner = await journey.StepAsync("a new brokerage's owner signs up and signs in; the token names a published key", async () =>
        {
            var session = await stack.SignupAsync("Handshake Realty");
            var tokens = await ApiClient.LoginAsync(stack.Anonymous(), session.Email, session.Password);
            var header = JsonDocument.Parse(Base64Url(tokens.AccessToken.Split('.')[0])).RootElement;
            header.GetProperty("alg").GetString().ShouldBe("ES256");
            var keys = await stack.Anonymous().ReadAsync("/.well-known/jwks.json");
            keys.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString())
                .ShouldContain(header.GetProperty("kid").GetString());
            return session with { Tokens = tokens };
        });

        await journey.StepAsync("the chat socket accepts the token in its auth frame", async () =>
        {
            await using var chat = await AuthenticatedAsync("/api/v1/assistant/ws", owner.Tokens.AccessToken);
            await chat.NextOfAsync("ready");
        });

        await journey.StepAsync("the live socket accepts it too and streams the brokerage's new lead", async () =>
        {
            await using var live = await AuthenticatedAsync("/api/v1/live", owner.Tokens.AccessToken);
            await live.NextOfAsync("ready");
            var lead = (await owner.Client.CaptureAssignedAsync(owner.UserId, new { firstName = "Hana", lastName = "Shake", email = $"{Guid.NewGuid():N}@example.test" }))
                .GetProperty("id").GetGuid();
            await live.NextOfAsync("event", e => e.GetProperty("eventType").GetString() == "lead.created"
                && e.GetProperty("data").GetProperty("leadId").GetGuid() == lead);
        });

        await journey.StepAsync("a token with an altered signature is refused with close code 4401 on both sockets", async () =>
        {
            var altered = Altered(owner.Tokens.AccessToken);
            foreach (var path in new[] { "/api/v1/assistant/ws", "/api/v1/live" })
            {
                await using var socket = await AuthenticatedAsync(path, altered);
                (await socket.NextAsync()).ShouldBeNull($"{path} answers no frame to an altered token");
                ((int?)socket.CloseStatus).ShouldBe(4401, path);
            }
        });

        await journey.StepAsync("the web app, signed in, opens its live connection with the token it holds", async () =>
        {
            await using var browser = await stack.NewContextAsync();
            var page = await Screens.SignInAsync(browser, owner.Email, owner.Password);
            await Screens.LiveAsync(page);
        });

        var refreshed = await journey.StepAsync("a refreshed token opens a socket, and the spent refresh token is refused", async () =>
        {
            var response = await stack.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = owner.Tokens.RefreshToken });
            await response.EnsureSuccessAsync();
            var tokens = (await response.Content.ReadFromJsonAsync<Tokens>(ApiClient.Json))!;
            await using var chat = await AuthenticatedAsync("/api/v1/assistant/ws", tokens.AccessToken);
            await chat.NextOfAsync("ready");
            var again = await stack.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = owner.Tokens.RefreshToken });
            again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a refresh token is spent once used");
            return tokens;
        });

        await journey.StepAsync("after sign-out the session's refresh token is refused", async () =>
        {
            (await stack.Anonymous().PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = refreshed.RefreshToken })).StatusCode
                .ShouldBe(HttpStatusCode.NoContent);
            (await stack.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refreshed.RefreshToken })).StatusCode
                .ShouldBe(HttpStatusCode.Unauthorized);
        });
        journey.Done();
    }

    private async Task<Socket> AuthenticatedAsync(string path, string token)
    {
        var socket = await Socket.ConnectAsync(stack.BaseAddress, path);
        await socket.SendAsync(new { type = "auth", token });
        return socket;
    }

    // The signature's middle character changed: still well-formed base64url, no longer the key's signature.
    private static string Altered(string token)
    {
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        var middle = signature.Length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        return $"{parts[0]}.{parts[1]}.{new string(signature)}";
    }

    private static string Base64Url(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }
}
