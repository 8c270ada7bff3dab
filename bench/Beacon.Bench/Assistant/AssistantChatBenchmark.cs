using System.Diagnostics;
using Beacon.Bench.Live;
using Beacon.Bench.Platform;
using Beacon.TestKit;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Assistant;

/// <summary>
/// Issue 13's bar: chats over real WebSockets against a server process with the built-in engine — first one socket
/// asking one question after another, then many sockets at once — timing each question from the frame sent to its
/// first token and to its <c>done</c>. Bar: first token ≤ 300 ms (p99 of both phases). The full answer includes the
/// engine's pacing between words (<c>Beacon:Assistant:TokenDelay</c>, 15 ms), so it grows with the answer's length.
/// </summary>
internal sealed class AssistantChatBenchmark : IBenchmark
{
    // The agents in turn: lead search, score explanation, pipeline counts, how-to, and the fallback.
    private static readonly string[] Questions =
    [
        "hot leads not contacted this week", "why is Fan Out a B?", "how many leads are under contract",
        "how do I import leads", "what can you do",
    ];

    public string Name => "assistant";

    public string Description => "chats over WebSockets, built-in engine: first token and full answer p50/p95/p99 [--sequential 200 --sockets 20 --rounds 10 --warmup 25 --leads 50]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var (sequential, sockets, rounds) = (o.Int("--sequential", 200), o.Int("--sockets", 20), o.Int("--rounds", 10));
        Console.WriteLine($"load average before: {LoadAverage()}; {sequential} sequential chats, then {sockets} sockets × {rounds} chats at once");
        await using var stack = await BenchStack.StartAsync(durable: true, cancellationToken);
        var settings = new Dictionary<string, string?>
        {
            // The per-person quota (20 a minute) would refuse a benchmark; the limiter's own cost stays in the figure.
            ["Beacon:RateLimits:Assistant:PerPrincipal"] = "100000000",
            ["Beacon:RateLimits:Assistant:PerTenant"] = "100000000",
        };
        foreach (var (key, value) in o.ServerSettings())
        {
            settings[key] = value;
        }

        var server = await stack.StartServerAsync(settings);
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = server.BaseAddress });
        for (var i = 0; i < o.Int("--leads", 50); i++)
        {
            await LiveLeads.CreateAsync(owner.Client, cancellationToken);
        }

        using (var warm = await ChatProbe.ConnectAsync(server.BaseAddress, owner.Tokens.AccessToken, cancellationToken))
        {
            await AskManyAsync(warm, o.Int("--warmup", 25), 0, cancellationToken); // the JIT's later tiers compile here
        }

        var clock = Stopwatch.StartNew();
        using var one = await ChatProbe.ConnectAsync(server.BaseAddress, owner.Tokens.AccessToken, cancellationToken);
        var alone = await AskManyAsync(one, sequential, 0, cancellationToken);
        Report("sequential", alone, clock.Elapsed);

        var probes = await Task.WhenAll(Enumerable.Range(0, sockets)
            .Select(_ => ChatProbe.ConnectAsync(server.BaseAddress, owner.Tokens.AccessToken, cancellationToken)));
        clock.Restart();
        var together = (await Task.WhenAll(probes.Select((p, i) => AskManyAsync(p, rounds, i, cancellationToken)))).SelectMany(t => t).ToList();
        Report($"concurrent ({sockets} sockets)", together, clock.Elapsed);
        foreach (var probe in probes)
        {
            probe.Dispose();
        }

        var worst = Math.Max(P(alone, t => t.FirstTokenMs, 99), P(together, t => t.FirstTokenMs, 99));
        Console.WriteLine($"  bar first token <= 300 ms (p99, both phases): {(worst <= 300 ? "MET" : "MISSED")} (worst p99 {F(worst)} ms)");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return worst <= 300 ? 0 : 1;
    }

    private static async Task<List<ChatTiming>> AskManyAsync(ChatProbe probe, int count, int offset, CancellationToken ct)
    {
        var timings = new List<ChatTiming>(count);
        for (var i = 0; i < count; i++)
        {
            timings.Add(await probe.AskAsync(Questions[(i + offset) % Questions.Length], ct));
        }

        return timings;
    }

    private static void Report(string phase, List<ChatTiming> timings, TimeSpan elapsed)
    {
        Console.WriteLine($"{phase}: {timings.Count} chats in {F(elapsed.TotalSeconds)} s");
        Console.WriteLine($"  first token  p50 {F(P(timings, t => t.FirstTokenMs, 50))} ms, p95 {F(P(timings, t => t.FirstTokenMs, 95))} ms, " +
            $"p99 {F(P(timings, t => t.FirstTokenMs, 99))} ms");
        Console.WriteLine($"  full answer  p50 {F(P(timings, t => t.FullAnswerMs, 50))} ms, p95 {F(P(timings, t => t.FullAnswerMs, 95))} ms, " +
            $"p99 {F(P(timings, t => t.FullAnswerMs, 99))} ms");
    }

    private static double P(List<ChatTiming> timings, Func<ChatTiming, double> figure, double p) =>
        Latencies.Percentile([.. timings.Select(figure).Order()], p);
}
