using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Beacon.IntegrationTests.Scoring;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Telemetry;

/// <summary>
/// Beacon's own instruments, heard with the runtime's <see cref="MeterListener"/> (what any exporter subscribes
/// through) on the shared server: a capture's jobs are counted and timed, and scoring is timed.
/// </summary>
public sealed class BeaconMeterTests(BeaconApp app) : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)> _measurements = new();

    [Fact]
    public async Task A_capture_is_counted_as_completed_interactive_scoring_job_and_its_scoring_is_timed()
    {
        Listen("beacon.jobs.processed", "beacon.jobs.duration", "beacon.scoring.duration");
        var owner = await app.SignupAsync();

        await ScoringApi.CreateLeadAsync(owner.Client, "referral", "0-3 months", "pre-approved");

        await Poller.UntilAsync(() => Task.FromResult(Seen("beacon.jobs.processed", "scoring.rescore-created")), s => s,
            because: "the capture's scoring job completes in the interactive lane");
        Seen("beacon.jobs.duration", "scoring.rescore-created").ShouldBeTrue();
        _measurements.Where(m => m.Instrument == "beacon.scoring.duration").ShouldContain(m => Equals(m.Tags["method"], "rules") || Equals(m.Tags["method"], "model"));
        _measurements.ShouldAllBe(m => m.Tags.Values.All(v => v is string && !v.ToString()!.Contains(owner.TenantId.ToString())),
            "tags are code names, never a tenant");
    }

    public void Dispose() => _listener.Dispose();

    private bool Seen(string instrument, string handler) => _measurements.Any(m => m.Instrument == instrument
        && Equals(m.Tags["handler"], handler) && Equals(m.Tags["lane"], "interactive") && Equals(m.Tags["outcome"], "completed"));

    private void Listen(params string[] instruments)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Beacon.", StringComparison.Ordinal) && instruments.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, _, tags, _) => Keep(i, tags));
        _listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Keep(i, tags));
        _listener.Start();
    }

    private void Keep(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, value) in tags)
        {
            copy[key] = value;
        }

        _measurements.Enqueue((instrument.Name, copy));
    }
}
