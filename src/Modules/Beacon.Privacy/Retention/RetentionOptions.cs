using System.ComponentModel.DataAnnotations;

namespace Beacon.Privacy.Retention;

/// <summary>The retention sweep on worker nodes: whether it runs and how often it looks for leads past their time.</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Beacon:Privacy:Retention";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Leads erased per tenant per run, so one tenant's backlog cannot hold the sweep for long.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
