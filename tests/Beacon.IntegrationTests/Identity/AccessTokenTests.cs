using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Beacon.Identity.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>Every way a bearer token can be wrong ends in 401, and only a genuine one gets through.</summary>
public sealed class AccessTokenTests(BeaconApp app)
{
    private async Task<(Guid Tenant, Guid User, SigningKey Key)> OwnerAndKeyAsync()
    {
        var session = await app.SignupAsync();
        var key = await app.Factory.Services.GetRequiredService<SigningKeyStore>().CurrentAsync(CancellationToken.None);
        return (session.TenantId, session.UserId, key);
    }

    private async Task<HttpStatusCode> MeWith(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/me")).StatusCode;
    }

    [Fact]
    public async Task A_token_forged_with_the_real_key_and_correct_claims_is_accepted_so_the_refusals_below_mean_something()
    {
        var (tenant, user, key) = await OwnerAndKeyAsync();
        var token = TokenForge.Sign(new { alg = "ES256", typ = "JWT", kid = key.Kid }, TokenForge.Claims(tenant, user), key.Key);
        (await MeWith(token)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var (tenant, user, key) = await OwnerAndKeyAsync();
        var claims = TokenForge.Claims(tenant, user, expiresIn: TimeSpan.FromMinutes(-5));
        (await MeWith(TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, claims, key.Key))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tampered_payload_is_refused_even_right_after_its_genuine_token_was_verified()
    {
        var (tenant, user, key) = await OwnerAndKeyAsync();
        var genuine = TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, TokenForge.Claims(tenant, user, role: "read_only"), key.Key);
        (await MeWith(genuine)).ShouldBe(HttpStatusCode.OK, "the genuine token's signature is now remembered as verified");
        var parts = genuine.Split('.');
        var elevated = TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, TokenForge.Claims(tenant, user, role: "owner"), null).Split('.');
        (await MeWith($"{parts[0]}.{elevated[1]}.{parts[2]}")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES384")]
    [InlineData("RS256")]
    public async Task Any_algorithm_but_ES256_is_refused(string alg)
    {
        var (tenant, user, key) = await OwnerAndKeyAsync();
        var unsigned = TokenForge.Sign(new { alg, kid = key.Kid }, TokenForge.Claims(tenant, user), null);
        (await MeWith(unsigned)).ShouldBe(HttpStatusCode.Unauthorized);
        var signed = TokenForge.Sign(new { alg, kid = key.Kid }, TokenForge.Claims(tenant, user), key.Key);
        (await MeWith(signed)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_issuer_is_refused()
    {
        var (tenant, user, key) = await OwnerAndKeyAsync();
        var token = TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, TokenForge.Claims(tenant, user, issuer: "evil"), key.Key);
        (await MeWith(token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_audience_is_refused()
    {
        var (tenant, user, key) = await OwnerAndKeyAsync();
        var token = TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, TokenForge.Claims(tenant, user, audience: "other-api"), key.Key);
        (await MeWith(token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_kid_or_a_key_of_our_own_making_is_refused()
    {
        var (tenant, user, _) = await OwnerAndKeyAsync();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        (await MeWith(TokenForge.Sign(new { alg = "ES256", kid = "attacker" }, TokenForge.Claims(tenant, user), attacker)))
            .ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_naming_another_tenant_than_its_user_is_refused()
    {
        var (_, user, key) = await OwnerAndKeyAsync();
        var other = await app.SignupAsync();
        var token = TokenForge.Sign(new { alg = "ES256", kid = key.Kid }, TokenForge.Claims(other.TenantId, user), key.Key);
        (await MeWith(token)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Garbage_is_refused()
    {
        (await MeWith("not-a-token")).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeWith("a.b.c")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Jwks_publishes_the_key_that_signs_tokens()
    {
        var (_, _, key) = await OwnerAndKeyAsync();
        var jwks = await app.Anonymous().GetStringAsync("/.well-known/jwks.json");
        jwks.ShouldContain($"\"kid\":\"{key.Kid}\"");
        jwks.ShouldContain("\"alg\":\"ES256\"");
        jwks.ShouldNotContain("\"d\"");
    }
}
