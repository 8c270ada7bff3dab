using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Enrichment;
using Beacon.TestKit;
using Npgsql;

namespace Beacon.IntegrationTests.Privacy;

/// <summary>What the privacy tests share: a server on the enrichment collection's own database with the retention
/// sweep off (tests drive it with explicit dates), and questions about the pipeline and the database.</summary>
internal static class PrivacyHarness
{
    public static readonly IReadOnlyDictionary<string, string?> NoSweep =
        new Dictionary<string, string?> { ["Beacon:Privacy:Retention:Enabled"] = "false" };

    public static Task<EnrichmentHarness> StartAsync(EnrichmentFixture sandbox) => EnrichmentHarness.StartAsync(sandbox, NoSweep);

    /// <summary>Until nothing of the tenant is due on the queue and every event has reached the live stream.</summary>
    public static Task QuietAsync(EnrichmentFixture sandbox, Guid tenant) =>
        Poller.UntilAsync(() => sandbox.Database.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND run_at <= now())
                 + (SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND streamed_at IS NULL)
            """, tenant), n => n == 0, TimeSpan.FromSeconds(60), "the tenant's jobs are done and its events streamed");

    public static async Task<JsonElement> ScoreAsync(HttpClient client, Guid lead) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/score", ApiClient.Json);

    /// <summary>
    /// Every column of every table in every schema (cast to text; bytea decoded) that contains one of
    /// <paramref name="needles"/>, case-insensitively: "schema.table.column (rows)".
    /// </summary>
    public static async Task<List<string>> ColumnsContainingAsync(TestDatabase database, IReadOnlyList<string> needles)
    {
        await using var conn = new NpgsqlConnection(database.AdminConnectionString);
        await conn.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
              FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
               AND c.table_schema NOT LIKE 'pg_toast%'
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var patterns = needles.Select(n => "%" + n.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%").ToArray();
        var hits = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var text = type == "bytea" ? $"encode(\"{column}\", 'escape')" : $"\"{column}\"::text";
            await using var count = new NpgsqlCommand(
                $"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE {text} ILIKE ANY($1)", conn);
            count.Parameters.AddWithValue(patterns);
            var rows = (long)(await count.ExecuteScalarAsync())!;
            if (rows > 0)
            {
                hits.Add($"{schema}.{table}.{column} ({rows})");
            }
        }

        return hits;
    }
}
