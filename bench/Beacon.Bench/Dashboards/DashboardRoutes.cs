using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Bench.Platform;
using Beacon.Contracts.Identity;
using Beacon.TestKit;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Dashboards;

/// <summary>One signed-in demo user the routes are measured as (the token as of sign-in: it lives 10 minutes).</summary>
internal sealed record RoleSession(string Role, string Email, string AccessToken);

/// <summary>
/// The API calls the conversions (<c>/reports/conversions</c>) and insights (<c>/insights</c>) screens make, timed one
/// after another (latency, not throughput) for each role: the report over the screen's default 30 days, a quarter and
/// a year in the Los Angeles zone, and the insights reads. No <c>If-None-Match</c>: every answer is a full 200.
/// Each route is timed with a token fresh from its own sign-in: an access token lives 10 minutes, and a slow route
/// (the year-long report at 1 M leads) outlived the role's one token, so every later request answered a quick 401.
/// </summary>
internal sealed class DashboardRoutes(HttpClient http, int requests)
{
    private const string Zone = "America/Los_Angeles";

    public sealed record Result(string Role, string Route, double[] Sorted, long Errors)
    {
        public double P99 => Latencies.Percentile(Sorted, 99);
    }

    public List<Result> Results { get; } = [];

    public async Task MeasureAsync(RoleSession session, CancellationToken ct)
    {
        var paths = await PathsAsync(session, new AuthenticationHeaderValue("Bearer", session.AccessToken), ct);
        foreach (var (route, path) in paths)
        {
            var bearer = new AuthenticationHeaderValue("Bearer", (await ApiClient.LoginAsync(http, session.Email, DemoTenant.Password)).AccessToken);
            for (var i = 0; i < 10; i++)
            {
                await TimeAsync(path, bearer, ct); // warm: plans cached, JIT done, pages in memory
            }

            var samples = new List<double>(requests);
            long errors = 0;
            for (var i = 0; i < requests; i++)
            {
                var (ms, ok) = await TimeAsync(path, bearer, ct);
                samples.Add(ms);
                errors += ok ? 0 : 1;
            }

            samples.Sort();
            var result = new Result(session.Role, route, [.. samples], errors);
            Results.Add(result);
            Console.WriteLine($"  {session.Role,-9} {route,-36} p50 {F(Latencies.Percentile(result.Sorted, 50))} ms, " +
                $"p95 {F(Latencies.Percentile(result.Sorted, 95))} ms, p99 {F(result.P99)} ms, max {F(result.Sorted[^1])} ms, " +
                $"n {samples.Count}, errors {errors}");
        }
    }

    private async Task<(double Ms, bool Ok)> TimeAsync(string path, AuthenticationHeaderValue bearer, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = bearer } };
        using var response = await http.SendAsync(request, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return (Latencies.Ms(start, Stopwatch.GetTimestamp()), response.IsSuccessStatusCode);
    }

    /// <summary>What the two screens ask for this role (managers see A/B control; a model's quality when one serves).</summary>
    private async Task<List<(string Route, string Path)>> PathsAsync(RoleSession session, AuthenticationHeaderValue bearer, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(Zone)).DateTime);
        string Report(int days) =>
            $"/api/v1/reports/conversions?from={today.AddDays(1 - days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" +
            $"&to={today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&tz={Uri.EscapeDataString(Zone)}";
        var manager = session.Role is not "agent" and not "read_only";
        var paths = new List<(string, string)>
        {
            ("reports/conversions 30 days", Report(30)),
            ("reports/conversions 90 days", Report(90)),
            ("reports/conversions 365 days", Report(365)),
            ("insights/score-distribution", "/api/v1/insights/score-distribution"),
            ("insights/hot-leads", "/api/v1/insights/hot-leads"),
            ("models", "/api/v1/models"),
        };
        if (manager)
        {
            paths.Add(("models/serving", "/api/v1/models/serving"));
            paths.Add(("models/promotions", "/api/v1/models/promotions"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/models") { Headers = { Authorization = bearer } };
        using var response = await http.SendAsync(request, ct);
        var models = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json, ct);
        var serving = models.ValueKind == JsonValueKind.Array
            ? models.EnumerateArray().FirstOrDefault(m => m.TryGetProperty("status", out var s) && s.GetString() == "champion")
            : default;
        if (serving.ValueKind == JsonValueKind.Object && serving.GetProperty("version").GetInt32() is var v)
        {
            paths.Add(($"models/{{v}}/metrics", $"/api/v1/models/{v}/metrics"));
            paths.Add(($"models/{{v}}/calibration", $"/api/v1/models/{v}/calibration"));
            paths.Add(($"models/{{v}}/drift/weekly", $"/api/v1/models/{v}/drift/weekly?weeks=12"));
        }

        return paths;
    }
}
