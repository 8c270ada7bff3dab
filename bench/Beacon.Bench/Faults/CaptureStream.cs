using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Beacon.Bench.Faults;

/// <summary>One capture as the client saw it: its Idempotency-Key, the status (0: no answer at all) and the lead id of a 2xx.</summary>
internal sealed record CaptureOutcome(int N, string Key, int Status, Guid? LeadId, TimeSpan SentAt, TimeSpan AnsweredAt, string? Error)
{
    public bool Acknowledged => Status is 200 or 201 && LeadId is not null;
}

/// <summary>
/// A steady stream of <c>POST /api/v1/leads</c>, as an integrator sends them: each with its own external id, e-mail and
/// Idempotency-Key (<c>{run}-{n}</c>), spread over the given nodes, every answer recorded. Unanswered or refused
/// captures can be sent again, same key and body, as a client with retries does.
/// </summary>
internal sealed class CaptureStream(string run, AuthenticationHeaderValue bearer, IReadOnlyList<HttpClient> nodes, Func<int, object?>? address = null)
{
    private readonly ConcurrentDictionary<int, CaptureOutcome> _last = new();
    private readonly ConcurrentQueue<CaptureOutcome> _attempts = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _next;

    public string Run => run;

    /// <summary>The stream's clock, on which <see cref="CaptureOutcome.SentAt"/> and <c>AnsweredAt</c> are read.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Each capture's latest answer.</summary>
    public IReadOnlyCollection<CaptureOutcome> Outcomes => [.. _last.Values.OrderBy(o => o.N)];

    /// <summary>Every answer, retries included.</summary>
    public IReadOnlyCollection<CaptureOutcome> Attempts => [.. _attempts.OrderBy(o => o.SentAt)];

    /// <summary>Sends <paramref name="perSecond"/> captures a second until <paramref name="stop"/>; waits for every answer.</summary>
    public async Task RunAsync(double perSecond, CancellationToken stop)
    {
        var sent = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            var i = _next++;
            sent.Add(Task.Run(() => SendAsync(i), CancellationToken.None));
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1 / perSecond), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(sent);
    }

    /// <summary>
    /// Sends every capture not acknowledged yet again (same key, same body) until each is, or <paramref name="timeout"/>
    /// passes; a 409 (the key's earlier request still counts as in flight) is asked again a second later.
    /// </summary>
    public async Task<int> RetryUnacknowledgedAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var retries = 0;
        while (clock.Elapsed < timeout && _last.Values.Where(o => !o.Acknowledged).Select(o => o.N).ToList() is { Count: > 0 } open)
        {
            retries += open.Count;
            await Task.WhenAll(open.Select(SendAsync));
            if (_last.Values.Any(o => !o.Acknowledged))
            {
                await Task.Delay(1000);
            }
        }

        return retries;
    }

    public static string StatusCounts(IEnumerable<CaptureOutcome> outcomes) => string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key)
        .Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))} × {g.Count()}"));

    /// <summary>Answer times of <paramref name="outcomes"/>: "p50 … ms, p99 … ms, max … ms".</summary>
    public static string Latency(IEnumerable<CaptureOutcome> outcomes)
    {
        var ms = outcomes.Select(o => (o.AnsweredAt - o.SentAt).TotalMilliseconds).Order().ToArray();
        return ms.Length == 0 ? "none" : $"p50 {Platform.BenchArgs.F(ms[ms.Length / 2], "0")} ms, " +
            $"p99 {Platform.BenchArgs.F(Platform.Latencies.Percentile(ms, 99), "0")} ms, max {Platform.BenchArgs.F(ms[^1], "0")} ms";
    }

    public object Body(int n) => new
    {
        firstName = "Fault",
        lastName = $"Lead{n}",
        email = $"{run}-{n}@fault.test",
        externalId = $"{run}-{n}",
        type = "seller",
        source = "fault-bench",
        propertyAddress = address?.Invoke(n),
    };

    private async Task SendAsync(int n)
    {
        var key = $"{run}-{n}";
        var at = _clock.Elapsed;
        CaptureOutcome outcome;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads") { Content = JsonContent.Create(Body(n)) };
            request.Headers.Authorization = bearer;
            request.Headers.Add("Idempotency-Key", key);
            using var response = await nodes[n % nodes.Count].SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Guid? id = status is 200 or 201 ? JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid() : null;
            outcome = new CaptureOutcome(n, key, status, id, at, _clock.Elapsed, id is null ? text[..Math.Min(text.Length, 200)] : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            outcome = new CaptureOutcome(n, key, 0, null, at, _clock.Elapsed, e.Message);
        }

        _last[n] = outcome;
        _attempts.Enqueue(outcome);
    }
}
