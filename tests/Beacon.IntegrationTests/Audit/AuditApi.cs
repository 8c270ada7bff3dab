using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Npgsql;

namespace Beacon.IntegrationTests.Audit;

internal static class AuditApi
{
    public static async Task<JsonElement> VerifyAsync(HttpClient client)
    {
        var response = await client.PostAsync("/api/v1/audit/verify", null);
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    public static async Task<List<JsonElement>> EntriesAsync(HttpClient client, string query = "") =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?{query}", ApiClient.Json)).GetProperty("items").EnumerateArray()];

    /// <summary>
    /// What an attacker with the database superuser does: bypasses the append-only trigger
    /// (<c>session_replication_role = replica</c>) and rewrites rows.
    /// </summary>
    public static async Task TamperAsync(BeaconApp app, string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(app.Database.AdminConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var off = new NpgsqlCommand("SET LOCAL session_replication_role = replica", conn, tx))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }

        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    /// <summary>A tenant with <paramref name="teams"/> audited changes (one entry each), numbered 1…n.</summary>
    public static async Task<TenantSession> TenantWithEntriesAsync(BeaconApp app, int teams)
    {
        var owner = await app.SignupAsync();
        for (var i = 0; i < teams; i++)
        {
            await (await owner.Client.PostAsJsonAsync("/api/v1/teams", new { name = $"Team {i}" })).EnsureSuccessAsync();
        }

        return owner;
    }
}
