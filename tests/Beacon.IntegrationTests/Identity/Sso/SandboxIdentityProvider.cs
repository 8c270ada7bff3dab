using System.Net.Http.Json;
using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Xunit;

namespace Beacon.IntegrationTests.Identity.Sso;

/// <summary>
/// The sandbox as a real process, for its OpenID Connect provider (its own port). The shared in-process server's
/// callback (its default public URL) is registered as the client's redirect URI; tests add people per test on a
/// domain of their own, so brokerages of parallel tests never claim the same domain.
/// </summary>
public sealed class SandboxIdentityProvider : IAsyncLifetime
{
    public const string ClientId = "beacon-tests";
    public const string ClientSecret = "sandbox-oidc-tests-secret";
    public const string RedirectUri = "http://localhost:5080/api/v1/auth/sso/callback";

    private SandboxProcess? _sandbox;

    public Uri Issuer => (_sandbox ?? throw new InvalidOperationException("Not started.")).IdentityProvider;

    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxProcess.StartAsync();
        Admin = new HttpClient { BaseAddress = _sandbox.IdentityProvider };
        var client = await Admin.PostAsJsonAsync("/_sandbox/identity/clients",
            new { clientId = ClientId, clientSecret = ClientSecret, redirectUris = new[] { RedirectUri } });
        await client.EnsureSuccessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    /// <summary>Adds (or changes) a person the provider can sign in as; returns their sandbox id.</summary>
    public async Task<string> PutUserAsync(string email, string name, bool emailVerified = true, string? id = null)
    {
        id ??= "user-" + Guid.NewGuid().ToString("N");
        var response = await Admin.PostAsJsonAsync("/_sandbox/identity/users", new { id, email, name, emailVerified });
        await response.EnsureSuccessAsync();
        return id;
    }

    /// <summary>The provider's next id_token gets this issuer or audience (still signed with its key).</summary>
    public async Task SpoilNextIdTokenAsync(string? issuer = null, string? audience = null)
    {
        var response = await Admin.PostAsJsonAsync("/_sandbox/identity/next-id-token", new { issuer, audience });
        await response.EnsureSuccessAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SsoCollection : ICollectionFixture<SandboxIdentityProvider>
{
    public const string Name = "Single sign-on against the sandbox identity provider";
}
