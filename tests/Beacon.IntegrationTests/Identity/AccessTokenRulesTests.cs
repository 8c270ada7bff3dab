using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Beacon.Identity.Tokens;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>
/// The rules ADR 0004 chose, pinned so that a JWT library's defaults cannot creep in: 30 s of clock skew (not the
/// usual 5 minutes), an expiry required, keys only from the shared store (a new one seen without a restart, an
/// unpublished one never), and the database — not the token — deciding role and sign-out.
/// </summary>
public sealed class AccessTokenRulesTests(BeaconApp app)
{
    private async Task<(TenantSession Owner, SigningKey Key)> OwnerAndKeyAsync()
    {
        var owner = await app.SignupAsync();
        var key = await app.Factory.Services.GetRequiredService<SigningKeyStore>().CurrentAsync(CancellationToken.None);
        return (owner, key);
    }

    private async Task<HttpResponseMessage> MeWith(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/me");
    }

    private static long Unix(TimeSpan fromNow) => (TimeProvider.System.GetUtcNow() + fromNow).ToUnixTimeSeconds();

    [Fact]
    public async Task A_token_expired_a_minute_ago_is_refused_because_the_skew_is_30_seconds()
    {
        var (owner, key) = await OwnerAndKeyAsync();
        var claims = TokenForge.Claims(owner.TenantId, owner.UserId, expiresIn: TimeSpan.FromMinutes(-1));
        claims["iat"] = claims["nbf"] = Unix(TimeSpan.FromMinutes(-11));
        (await MeWith(TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, claims, key.Key))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_expired_10_seconds_ago_is_still_accepted_within_the_skew()
    {
        var (owner, key) = await OwnerAndKeyAsync();
        var claims = TokenForge.Claims(owner.TenantId, owner.UserId, expiresIn: TimeSpan.FromSeconds(-10));
        // Issued ten minutes ago, as a real one would be (a not-before after the expiry is refused on its own).
        claims["iat"] = claims["nbf"] = Unix(TimeSpan.FromMinutes(-10));
        (await MeWith(TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, claims, key.Key))).StatusCode
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_valid_only_from_a_minute_on_is_refused()
    {
        var (owner, key) = await OwnerAndKeyAsync();
        var claims = TokenForge.Claims(owner.TenantId, owner.UserId);
        claims["nbf"] = Unix(TimeSpan.FromMinutes(1));
        (await MeWith(TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, claims, key.Key))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_an_expiry_is_refused()
    {
        var (owner, key) = await OwnerAndKeyAsync();
        var claims = TokenForge.Claims(owner.TenantId, owner.UserId);
        claims.Remove("exp");
        (await MeWith(TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, claims, key.Key))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_claiming_owner_for_an_agent_acts_with_the_agents_role_from_the_database()
    {
        var (owner, key) = await OwnerAndKeyAsync();
        var agent = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "agent");
        var claims = TokenForge.Claims(owner.TenantId, agent.UserId, role: "owner");
        var me = await MeWith(TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, claims, key.Key));
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString().ShouldBe("agent");
    }

    [Fact]
    public async Task A_token_with_a_stale_security_stamp_is_refused()
    {
        var (owner, key) = await OwnerAndKeyAsync();
        var claims = TokenForge.Claims(owner.TenantId, owner.UserId, stamp: 2);
        (await MeWith(TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, claims, key.Key))).StatusCode
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_another_node_just_published_verifies_here_without_a_restart()
    {
        var (owner, _) = await OwnerAndKeyAsync();
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = await PublishAsync(fresh, TimeSpan.FromHours(1), TimeSpan.FromDays(30));
        var token = TokenForge.Sign(new { alg = "ES256", kid }, TokenForge.Claims(owner.TenantId, owner.UserId), fresh);
        // A node looks up an unknown kid again at most every 10 s, so this may take that long.
        await Poller.UntilAsync(async () => (await MeWith(token)).StatusCode, s => s == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the new key is read from the shared store");
    }

    [Fact]
    public async Task A_key_in_the_store_that_is_no_longer_published_is_refused()
    {
        var (owner, _) = await OwnerAndKeyAsync();
        using var retired = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = await PublishAsync(retired, TimeSpan.FromDays(-31), TimeSpan.FromDays(-1));
        var token = TokenForge.Sign(new { alg = "ES256", kid }, TokenForge.Claims(owner.TenantId, owner.UserId), retired);
        (await MeWith(token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Writes a key as another node's <see cref="SigningKeyStore"/> would, activating and retiring as given.</summary>
    private async Task<string> PublishAsync(ECDsa key, TimeSpan activatesIn, TimeSpan retiresIn)
    {
        var kid = "test-" + Guid.NewGuid().ToString("N");
        var p = key.ExportParameters(includePrivateParameters: false);
        var protector = app.Factory.Services.GetRequiredService<KeyProtector>();
        var now = TimeProvider.System.GetUtcNow();
        await app.Database.ScalarAsync<object>("""
            INSERT INTO identity.signing_keys (kid, public_x, public_y, private_key, created_at, activates_at, retires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, kid, Base64Url.EncodeToString(p.Q.X), Base64Url.EncodeToString(p.Q.Y),
            protector.Protect(kid, key.ExportPkcs8PrivateKey()), now, now + activatesIn, now + retiresIn);
        return kid;
    }
}
