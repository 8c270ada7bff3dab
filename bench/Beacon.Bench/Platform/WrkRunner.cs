using System.Diagnostics;

namespace Beacon.Bench.Platform;

/// <summary>
/// A second opinion from <c>wrk</c> (C, epoll; <c>apt-get install -y wrk</c>): a closed loop with the same
/// connections and tokens, so a slow .NET client cannot be what limits the figures. wrk's output is printed as is.
/// </summary>
internal static class WrkRunner
{
    public static async Task RunAsync(Uri baseAddress, IReadOnlyList<string> accessTokens, int connections, int seconds,
        CancellationToken ct)
    {
        var script = Path.Combine(Path.GetTempPath(), $"beacon-bench-{Guid.NewGuid():N}.lua");
        var tokens = string.Join(", ", accessTokens.Select(t => $"\"{t}\""));
        await File.WriteAllTextAsync(script, $$"""
            local tokens = { {{tokens}} }
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", "/api/v1/me", { ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] })
            end
            """, ct);
        try
        {
            var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, new Uri(baseAddress, "/api/v1/me").ToString() })
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start wrk");
            var output = await process.StandardOutput.ReadToEndAsync(ct);
            var errors = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            Console.WriteLine($"wrk -t2 -c{connections} -d{seconds}s (closed loop, {accessTokens.Count} tokens):");
            Console.WriteLine(string.Join('\n', (output + errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l)));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("wrk: not installed (apt-get install -y wrk); skipped");
        }
        finally
        {
            File.Delete(script);
        }

    }
}
