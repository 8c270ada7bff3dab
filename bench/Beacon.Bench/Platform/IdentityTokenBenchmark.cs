using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.Identity.Tokens;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using static Beacon.Bench.Platform.BenchArgs;
using Stats = Beacon.Bench.Learning.BenchStats;

namespace Beacon.Bench.Platform;

/// <summary>
/// The cost of checking one access token, in-process and single-threaded, through <see cref="IAccessTokenValidator"/>
/// (what the live socket calls, and the same checks as the HTTP scheme, including the cached per-request user check):
/// N distinct tokens once each (every signature verified) and one token N times (a browser's or a socket's steady
/// state). Prints µs of wall and process CPU per validation, median over the runs.
/// </summary>
internal sealed class IdentityTokenBenchmark : IBenchmark
{
    public string Name => "identity token";

    public string Description => "validate access tokens in-process: N distinct, then one N times [--tokens 2000 --runs 5]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var count = o.Int("--tokens", 2000);
        var runs = o.Int("--runs", 5);
        Console.WriteLine($"load average before: {LoadAverage()}");
        // The in-process server's content root: not the source tree the test projects find through their build manifest.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BEACON_SERVER", AppContext.BaseDirectory);
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var factory = new BeaconFactory(database);
        var user = await ApiClient.SignupAsync(factory.CreateClient);
        var key = await factory.Services.GetRequiredService<SigningKeyStore>().CurrentAsync(cancellationToken);
        var validator = factory.Services.GetRequiredService<IAccessTokenValidator>();

        var distinct = new List<double>();
        var distinctCpu = new List<double>();
        var repeated = new List<double>();
        var repeatedCpu = new List<double>();
        var failures = 0;
        for (var run = -1; run < runs; run++)
        {
            // Run -1 warms up (JIT, caches) and is not counted; each run mints fresh tokens so none is remembered.
            var tokens = Enumerable.Range(0, count).Select(_ => Mint(user, key)).ToArray();
            var (wall, cpu) = await MeasureAsync(tokens, validator, () => failures++, cancellationToken);
            var (wallSame, cpuSame) = await MeasureAsync(Enumerable.Repeat(tokens[0], count).ToArray(), validator, () => failures++, cancellationToken);
            if (run >= 0)
            {
                distinct.Add(wall);
                distinctCpu.Add(cpu);
                repeated.Add(wallSame);
                repeatedCpu.Add(cpuSame);
            }
        }

        Console.WriteLine($"identity token, {count} distinct tokens once each: {F(Stats.Median(distinct), "0.0")} µs wall, {F(Stats.Median(distinctCpu), "0.0")} µs CPU per validation (median of {runs})");
        Console.WriteLine($"identity token, one token {count} times: {F(Stats.Median(repeated), "0.0")} µs wall, {F(Stats.Median(repeatedCpu), "0.0")} µs CPU per validation (median of {runs})");
        Console.WriteLine($"failures: {failures}; load average after: {LoadAverage()}");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<(double WallMicros, double CpuMicros)> MeasureAsync(string[] tokens, IAccessTokenValidator validator,
        Action failed, CancellationToken ct)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        foreach (var token in tokens)
        {
            if (await validator.ValidateAsync(token, ct) is null)
            {
                failed();
            }
        }

        sw.Stop();
        process.Refresh();
        return (sw.Elapsed.TotalMicroseconds / tokens.Length, (process.TotalProcessorTime - cpu).TotalMicroseconds / tokens.Length);
    }

    /// <summary>A token as the server issues it (same claims and header), each with its own <c>jti</c>.</summary>
    private static string Mint(TenantSession user, SigningKey key)
    {
        var now = TimeProvider.System.GetUtcNow();
        var header = JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", typ = "JWT", kid = key.Kid });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "beacon",
            ["aud"] = "beacon-api",
            ["sub"] = user.UserId.ToString(),
            ["tid"] = user.TenantId.ToString(),
            ["role"] = "owner",
            ["sst"] = 1,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + TimeSpan.FromMinutes(10)).ToUnixTimeSeconds(),
        });
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        return input + "." + Base64Url.EncodeToString(key.Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }
}
