using System.ComponentModel.DataAnnotations;

namespace Beacon.Workflows.NoActivity;

/// <summary><c>Beacon:Workflows:NoActivity</c>: how often the no-activity trigger looks for quiet leads, and in what batches.</summary>
internal sealed class NoActivityOptions
{
    public const string Section = "Beacon:Workflows:NoActivity";

    /// <summary>False stops the scheduler (tests drive <see cref="NoActivityTick"/> themselves); queued sweeps still run.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each brokerage is swept: the trigger's unit is days, so an hour is prompt enough.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Leads judged per sweep job; a full batch queues the next one, so no job holds a transaction for long.</summary>
    [Range(10, 5000)]
    public int BatchSize { get; set; } = 500;
}
