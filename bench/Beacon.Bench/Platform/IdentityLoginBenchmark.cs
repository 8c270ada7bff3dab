using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>
/// Password sign-in throughput and latency: C clients log in with correct passwords for a fixed time, spread over
/// several users (so one address's failure throttle never matters; the auth rate limit is raised).
/// PBKDF2 dominates, so the run also times one hash on one core in this process as the ceiling's yardstick.
/// </summary>
internal sealed class IdentityLoginBenchmark : IBenchmark
{
    public string Name => "identity login";

    public string Description => "POST /api/v1/auth/login, closed loop [--clients 4 --users 16 --seconds 20 --warmup 3 --durable true --set K=V]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var clients = o.Int("--clients", 4);
        var userCount = o.Int("--users", 16);
        var seconds = o.Int("--seconds", 20);
        var warmup = o.Int("--warmup", 3);
        var settings = o.ServerSettings();
        var iterations = settings.TryGetValue("Beacon:Auth:PasswordIterations", out var it) && it is not null
            ? int.Parse(it, System.Globalization.CultureInfo.InvariantCulture)
            : 210_000;
        Console.WriteLine($"load average before: {LoadAverage()}");
        Console.WriteLine($"password hashing: PBKDF2-HMAC-SHA512, {iterations} iterations (Beacon:Auth:PasswordIterations), " +
                          $"one hash on one core here: {F(HashMilliseconds(iterations), "0.0")} ms");

        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken);
        var server = await stack.StartServerAsync(settings, o.Value("--app-options"));
        var users = await BenchUsers.SignupAsync(server.BaseAddress, userCount, cancellationToken);
        using var http = BenchUsers.LoadClient(server.BaseAddress, clients);
        Console.WriteLine($"load: {clients} concurrent clients, {userCount} users, closed loop, {seconds} s after {warmup} s warm-up");

        Request login = async (worker, ct) =>
        {
            var user = users[(worker + Random.Shared.Next(users.Count)) % users.Count];
            using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return response.IsSuccessStatusCode && body.Contains("accessToken", StringComparison.Ordinal);
        };
        await HttpLoad.ClosedLoopAsync(clients, TimeSpan.FromSeconds(warmup), 10_000, login, cancellationToken);
        var cpu = CpuMeter.Start(stack);
        var summary = await HttpLoad.ClosedLoopAsync(clients, TimeSpan.FromSeconds(seconds), 1_000_000, login, cancellationToken);
        Console.WriteLine(cpu.Report(summary.Count));
        Console.WriteLine($"identity login: {summary}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return summary.Errors == 0 ? 0 : 1;
    }

    private static double HashMilliseconds(int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        Rfc2898DeriveBytes.Pbkdf2("correct-horse-battery-9", salt, iterations, HashAlgorithmName.SHA512, 32);
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            Rfc2898DeriveBytes.Pbkdf2("correct-horse-battery-9", salt, iterations, HashAlgorithmName.SHA512, 32);
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        return best;
    }
}
