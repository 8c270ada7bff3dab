using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.TestKit;

namespace Beacon.Bench.Live;

/// <summary>One signed-in account that several simulated dashboard users share.</summary>
internal sealed record PoolAccount(string Role, string AccessToken);

/// <summary>
/// The accounts behind the simulated users: the demo brokerage's five users (one per role; password
/// <c>beacon-demo</c>) plus <c>extraAgents</c> agents invited through the real invitation flow. Signing in costs a
/// PBKDF2 hash (~150 ms of server CPU) each, so N users share this small pool instead of signing in N times.
/// </summary>
internal sealed class DashboardPool : IDisposable
{
    private readonly List<HttpClient> _clients = [];

    public List<PoolAccount> Accounts { get; } = [];

    /// <summary>The demo owner's session (the background writer creates leads with it).</summary>
    public TenantSession Owner { get; private set; } = null!;

    public static async Task<DashboardPool> SignInAsync(Uri server, int extraAgents, CancellationToken ct)
    {
        var pool = new DashboardPool();
        HttpClient Create() => pool.Client(server);
        foreach (var (_, email, _, role, _) in DemoTenant.Users)
        {
            var tokens = await ApiClient.LoginAsync(Create(), email, "beacon-demo");
            var client = Create().WithBearer(tokens.AccessToken);
            if (role == Roles.Owner)
            {
                var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json, ct);
                pool.Owner = new TenantSession(DemoTenant.TenantId, me.GetProperty("id").GetGuid(), email, "beacon-demo", tokens, client);
            }

            pool.Accounts.Add(new PoolAccount(role, tokens.AccessToken));
        }

        for (var i = 0; i < extraAgents; i++)
        {
            var (_, _, client) = await ApiClient.AddMemberAsync(pool.Owner, Create, Roles.Agent);
            pool.Accounts.Add(new PoolAccount(Roles.Agent, client.DefaultRequestHeaders.Authorization!.Parameter!));
        }

        return pool;
    }

    private HttpClient Client(Uri server)
    {
        var client = new HttpClient { BaseAddress = server };
        _clients.Add(client);
        return client;
    }

    public void Dispose() => _clients.ForEach(c => c.Dispose());
}
