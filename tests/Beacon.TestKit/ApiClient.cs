using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Beacon.TestKit;

public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn);

/// <summary>A signed-up brokerage in a test: its owner's tokens and a client that sends them.</summary>
public sealed record TenantSession(Guid TenantId, Guid UserId, string Email, string Password, Tokens Tokens, HttpClient Client);

public static class ApiClient
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public const string Password = "correct-horse-battery-9";

    public static HttpClient WithBearer(this HttpClient client, string accessToken)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>
    /// Signs up a fresh brokerage with a unique owner, so each test has a tenant of its own: asks, then confirms with
    /// the link the server e-mailed (to <see cref="SmtpSink.Shared"/>, or whichever sink the server was given).
    /// </summary>
    public static async Task<TenantSession> SignupAsync(Func<HttpClient> createClient, string? brokerage = null)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        var anonymous = createClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/signup",
            new { brokerageName = brokerage ?? "Test Realty", displayName = "Test Owner", email, password = Password });
        await response.EnsureSuccessAsync();
        var tokens = await ConfirmAsync(anonymous, email, "/signup/confirm");
        var client = createClient().WithBearer(tokens.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Json);
        return new TenantSession(me.GetProperty("tenant").GetProperty("id").GetGuid(), me.GetProperty("id").GetGuid(),
            email, Password, tokens, client);
    }

    /// <summary>Like EnsureSuccessStatusCode, but the failure message carries the response body (problem details).</summary>
    public static async Task EnsureSuccessAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        }
    }

    /// <summary>Adds a member with <paramref name="role"/> through the real invitation flow; returns their signed-in client.</summary>
    public static async Task<(Guid UserId, string Email, HttpClient Client)> AddMemberAsync(TenantSession owner,
        Func<HttpClient> createClient, string role, Guid? teamId = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        var invite = await owner.Client.PostAsJsonAsync("/api/v1/users/invitations", new { email, role, teamId });
        await invite.EnsureSuccessAsync();
        var token = (await invite.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("token").GetString();
        var accept = await createClient().PostAsJsonAsync("/api/v1/auth/accept-invitation",
            new { token, displayName = $"Test {role}", password = Password });
        await accept.EnsureSuccessAsync();
        var tokens = await ConfirmAsync(createClient(), email, "/accept-invitation/confirm");
        var client = createClient().WithBearer(tokens.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Json);
        return (me.GetProperty("id").GetGuid(), email, client);
    }

    /// <summary>Follows the confirmation link e-mailed to <paramref name="email"/>: posts its token to the API's route of it.</summary>
    public static async Task<Tokens> ConfirmAsync(HttpClient anonymous, string email, string path)
    {
        var token = await SmtpSink.WaitForLinkTokenAsync(email, path);
        var confirmed = await anonymous.PostAsJsonAsync($"/api/v1/auth{path}", new { token });
        await confirmed.EnsureSuccessAsync();
        return (await confirmed.Content.ReadFromJsonAsync<Tokens>(Json))!;
    }

    public static async Task<Tokens> LoginAsync(HttpClient anonymous, string email, string password)
    {
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<Tokens>(Json))!;
    }
}
