using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Bench.Platform;
using Beacon.TestKit;
using Npgsql;

namespace Beacon.Bench.Leads;

/// <summary>What the Leads benchmarks share: a brokerage with a few agents (so round robin runs) and counters read
/// straight from PostgreSQL (to prove nothing was lost or duplicated).</summary>
internal static class LeadsBench
{
    public static async Task<(TenantSession Owner, AuthenticationHeaderValue Bearer)> BrokerageAsync(Uri server, int agents, CancellationToken ct)
    {
        var owner = (await BenchUsers.SignupAsync(server, 1, ct))[0];
        using var anonymous = new HttpClient { BaseAddress = server };
        using var client = new HttpClient { BaseAddress = server };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.Tokens.AccessToken);
        for (var i = 0; i < agents; i++)
        {
            var email = $"agent{i}-{Guid.NewGuid():N}@bench.test";
            var invite = await client.PostAsJsonAsync("/api/v1/users/invitations", new { email, role = "agent" }, ct);
            await invite.EnsureSuccessAsync();
            var token = (await invite.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString();
            (await anonymous.PostAsJsonAsync("/api/v1/auth/accept-invitation",
                new { token, displayName = $"Agent {i}", password = ApiClient.Password }, ct)).EnsureSuccessStatusCode();
            // The agent exists once the e-mailed link is followed (ADR 0009); the bench's server sends to SmtpSink.Shared.
            await ApiClient.ConfirmAsync(anonymous, email, "/accept-invitation/confirm");
        }

        return (owner, new AuthenticationHeaderValue("Bearer", owner.Tokens.AccessToken));
    }

    public static async Task AnalyzeAsync(string adminConnection, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("ANALYZE", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<long> ScalarAsync(string adminConnection, string sql, Guid tenant)
    {
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(tenant);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits for Leads' agent projection (fed by the worker). A web-only server (<c>--set Beacon:Role=web</c>, to
    /// measure the API without the downstream handlers) has no worker: the bench then fills the projection itself.
    /// </summary>
    public static async Task WaitForAgentsAsync(string adminConnection, Guid tenant, int agents, bool webOnly)
    {
        if (webOnly)
        {
            await ScalarAsync(adminConnection, """
                WITH added AS (INSERT INTO leads.agents (tenant_id, user_id, display_name, role, team_id, active)
                SELECT tenant_id, id, display_name, role, team_id, active FROM identity.users WHERE tenant_id = $1
                ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM added
                """, tenant);
        }

        await Poller.UntilAsync(() => ScalarAsync(adminConnection, "SELECT count(*) FROM leads.agents WHERE tenant_id = $1 AND role = 'agent'", tenant),
            n => n >= agents, TimeSpan.FromSeconds(60), "the agent projection");
    }

    /// <summary>A valid, unique North American number for request <paramref name="n"/> (exchange 200–999).</summary>
    public static string Phone(long n) => $"+1916{2_000_000 + (n % 7_000_000)}";
}
