using System.Diagnostics;
using System.Net;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class KnobTests : IDisposable
{
    private const string Detail = "/property/v1/detail?address1=3526%20High%20St&address2=95838";

    private readonly SandboxApp _app = new();

    [Fact]
    public async Task Latency_delays_the_answer()
    {
        await _app.SetKnobsAsync("property", new { latencyMs = "300" });
        var client = _app.Property();

        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(Detail, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));
    }

    [Fact]
    public async Task An_outage_answers_503_with_Retry_After_until_lifted()
    {
        await _app.SetKnobsAsync("property", new { outage = "Unavailable", retryAfterSeconds = 30 });
        using var down = await _app.Property().GetAsync(Detail, TestContext.Current.CancellationToken);
        await _app.SetKnobsAsync("property", new { outage = "None" });
        using var up = await _app.Property().GetAsync(Detail, TestContext.Current.CancellationToken);

        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        down.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        (await Json.ReadAsync(down)).At("status.code").GetInt32().ShouldBe(503);
        up.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_429_burst_throttles_the_next_calls_then_lets_them_through()
    {
        await _app.SetKnobsAsync("person", new { throttle429Next = 2, retryAfterSeconds = 3 });
        var client = _app.Person();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/person/v2/enrich?email=a@nomatch.example", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(3));
                (await Json.ReadAsync(response)).At("error.type").GetString().ShouldBe("rate_limit_error");
            }
        }

        statuses.ShouldBe([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.NotFound]);
    }

    [Fact]
    public async Task A_rate_limit_admits_X_calls_per_second()
    {
        await _app.SetKnobsAsync("property", new { rateLimitPerSecond = 2 });
        var client = _app.Property();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(Detail, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var nextSecond = await client.GetAsync(Detail, TestContext.Current.CancellationToken);

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        nextSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_seeded_error_rate_fails_the_same_calls_every_time()
    {
        var first = await RunErrorSequence();
        var second = await RunErrorSequence();

        first.ShouldBe(second);
        first.ShouldContain(HttpStatusCode.InternalServerError);
        first.ShouldContain(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Knobs_given_at_start_apply_from_the_first_call()
    {
        using var app = new SandboxApp("Sandbox:Credit:Outage=Unavailable", "Sandbox:Property:ApiKey=my-key");

        using var credit = await app.Credit().PostAsync("/credit/v1/prequalify", null, TestContext.Current.CancellationToken);
        using var custom = await app.Property("my-key").GetAsync(Detail, TestContext.Current.CancellationToken);
        using var stale = await app.Property().GetAsync(Detail, TestContext.Current.CancellationToken);

        credit.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await Json.ReadAsync(credit)).At("errors.0.code").GetString().ShouldBe("SERVICE_UNAVAILABLE");
        custom.StatusCode.ShouldBe(HttpStatusCode.OK);
        stale.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_invalid_knob_is_refused()
    {
        using var response = await _app.Admin().PostAsync("/_sandbox/knobs/property",
            new StringContent("""{"latencyMs":"200-50"}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    public void Dispose() => _app.Dispose();

    private async Task<List<HttpStatusCode>> RunErrorSequence()
    {
        await _app.SetKnobsAsync("property", new { errorRate = 0.5, errorSeed = 7 });
        var client = _app.Property();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync(Detail, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
