using System.ComponentModel.DataAnnotations;

namespace Beacon.SharedKernel.Retention;

public sealed class RetentionOptions
{
    public const string Section = "Beacon:Retention";

    /// <summary>Off for tests that sweep themselves.</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Overrides of each rule's age, keyed by rule name (e.g. <c>platform.events</c>: <c>30.00:00:00</c>).</summary>
    public Dictionary<string, TimeSpan> Ages { get; set; } = [];

    [Range(100, 1_000_000)]
    public int BatchSize { get; set; } = 10_000;
}
