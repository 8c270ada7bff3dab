using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Live;

/// <summary>
/// What a browser on the dashboard (<c>/</c>) asks the API: <c>/me</c> (session restore), then the stats and the
/// latest six leads in parallel. Each simulated user loads the page every think time (uniform 0.5–1.5 × think),
/// starting at a random moment of the first interval so the load is steady from the start.
/// </summary>
internal sealed class DashboardVisits(HttpClient http, TimeSpan think, TimeSpan duration)
{
    private readonly string[] _paths = Paths();
    private readonly Latencies[] _routes = [new(), new(), new()];
    private readonly Latencies _pages = new();
    private readonly ConcurrentDictionary<string, long> _failures = new();

    public static readonly string[] RouteNames = ["GET /api/v1/me", "GET /api/v1/leads/stats", "GET /api/v1/leads?limit=6"];

    public async Task RunUserAsync(int user, PoolAccount account, Stopwatch clock, CancellationToken ct)
    {
        var random = new Random(user);
        var bearer = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        var samples = new[] { new List<double>(), new List<double>(), new List<double>() };
        var errors = new long[3];
        var pages = new List<double>();
        var next = think * random.NextDouble();
        while (next < duration && !ct.IsCancellationRequested)
        {
            await Task.Delay(next - clock.Elapsed > TimeSpan.Zero ? next - clock.Elapsed : TimeSpan.Zero, ct);
            var start = Stopwatch.GetTimestamp();
            await TimedAsync(0, bearer, samples, errors, ct);
            await Task.WhenAll(TimedAsync(1, bearer, samples, errors, ct), TimedAsync(2, bearer, samples, errors, ct));
            pages.Add(Latencies.Ms(start, Stopwatch.GetTimestamp()));
            next += think * (0.5 + random.NextDouble());
        }

        for (var r = 0; r < _routes.Length; r++)
        {
            _routes[r].Add(samples[r], errors[r]);
        }

        _pages.Add(pages, 0);
    }

    public long Requests => _routes.Sum(r => (long)r.Sorted().Length);

    public long Errors => _routes.Sum(r => r.Errors);

    public double WorstP99 => _routes.Max(r => Latencies.Percentile(r.Sorted(), 99));

    public void Print()
    {
        for (var r = 0; r < _routes.Length; r++)
        {
            Console.WriteLine($"  {RouteNames[r],-28} {Line(_routes[r].Sorted())}, errors {_routes[r].Errors}");
        }

        Console.WriteLine($"  {"whole page (me, then both)",-28} {Line(_pages.Sorted())}");
        foreach (var (reason, count) in _failures.OrderByDescending(f => f.Value).Take(5))
        {
            Console.WriteLine($"  {count} failed: {reason}");
        }
    }

    private static string Line(double[] s) =>
        $"n {s.Length}, p50 {F(Latencies.Percentile(s, 50), "0.0")} ms, p95 {F(Latencies.Percentile(s, 95), "0.0")} ms, " +
        $"p99 {F(Latencies.Percentile(s, 99), "0.0")} ms, max {F(s.LastOrDefault(), "0.0")} ms";

    private async Task TimedAsync(int route, AuthenticationHeaderValue bearer, List<double>[] samples, long[] errors, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        string? failure = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _paths[route]) { Headers = { Authorization = bearer } };
            using var response = await http.SendAsync(request, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            failure = response.IsSuccessStatusCode ? null : $"{RouteNames[route]} {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            failure = $"{RouteNames[route]} {e.GetType().Name}";
        }

        lock (samples)
        {
            samples[route].Add(Latencies.Ms(start, Stopwatch.GetTimestamp()));
            errors[route] += failure is null ? 0 : 1;
        }

        if (failure is not null)
        {
            _failures.AddOrUpdate(failure, 1, (_, n) => n + 1);
        }
    }

    // As the browser asks (DashboardPage.tsx): this week in the user's zone, local midnight 6 days ago to tomorrow's.
    private static string[] Paths()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var today = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).Date;
        string Instant(DateTime local) => Uri.EscapeDataString(
            new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var (from, to) = (Instant(today.AddDays(-6)), Instant(today.AddDays(1)));
        return ["/api/v1/me", $"/api/v1/leads/stats?from={from}&to={to}&tz=America%2FLos_Angeles",
            $"/api/v1/leads?createdFrom={from}&sort=-created&limit=6"];
    }
}
