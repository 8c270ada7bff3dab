using Beacon.Identity.Tokens;
using Beacon.IntegrationTests.Identity;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Realtime;

/// <summary>The socket's <c>auth</c> frame is checked exactly as a bearer header is: what HTTP refuses, it refuses.</summary>
public sealed class LiveSocketAuthTests(BeaconApp app)
{
    private async Task<LiveClient> ConnectAsync()
    {
        var client = app.Factory.Server.CreateWebSocketClient();
        return new LiveClient(await client.ConnectAsync(new Uri(app.Factory.Server.BaseAddress, "/api/v1/live").ToWs(), CancellationToken.None));
    }

    private async Task<int?> CloseCodeAfterAuthAsync(string token)
    {
        await using var live = await ConnectAsync();
        await live.AuthAsync(token);
        var first = await live.NextAsync();
        return first is null ? (int?)live.Socket.CloseStatus : 0;
    }

    [Fact]
    public async Task The_auth_frame_refuses_forged_expired_foreign_and_stale_tokens_and_accepts_a_genuine_one()
    {
        var owner = await app.SignupAsync();
        var key = await app.Factory.Services.GetRequiredService<SigningKeyStore>().CurrentAsync(CancellationToken.None);
        string Signed(Dictionary<string, object> claims, string alg = "ES256") =>
            TokenForge.Sign(new { alg, kid = key.Kid }, claims, key.Key);

        (await CloseCodeAfterAuthAsync(Signed(TokenForge.Claims(owner.TenantId, owner.UserId)))).ShouldBe(0, "a genuine token");
        (await CloseCodeAfterAuthAsync(TokenForge.Sign(new { alg = "none", kid = key.Kid }, TokenForge.Claims(owner.TenantId, owner.UserId), null)))
            .ShouldBe(4401, "alg none");
        (await CloseCodeAfterAuthAsync(Signed(TokenForge.Claims(owner.TenantId, owner.UserId), alg: "HS256"))).ShouldBe(4401, "HS256");
        (await CloseCodeAfterAuthAsync(Signed(TokenForge.Claims(owner.TenantId, owner.UserId, audience: "other-api"))))
            .ShouldBe(4401, "another audience");
        var expired = TokenForge.Claims(owner.TenantId, owner.UserId, expiresIn: TimeSpan.FromMinutes(-1));
        expired["iat"] = expired["nbf"] = (TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(11)).ToUnixTimeSeconds();
        (await CloseCodeAfterAuthAsync(Signed(expired))).ShouldBe(4401, "expired a minute ago, beyond the 30 s skew");
        (await CloseCodeAfterAuthAsync(Signed(TokenForge.Claims(owner.TenantId, owner.UserId, stamp: 2)))).ShouldBe(4401, "signed out");
    }
}
