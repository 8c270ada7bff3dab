using System.ComponentModel.DataAnnotations;

namespace Beacon.Billing;

/// <summary><c>Beacon:Billing</c>: when months are rated and invoices fall due.</summary>
internal sealed class BillingOptions
{
    public const string Section = "Beacon:Billing";

    /// <summary>The scheduler (partitions ahead, seat snapshot, rating of closed months); off for tests that drive it.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Days between an invoice's issue and its due date.</summary>
    [Range(0, 90)]
    public int PaymentTermDays { get; set; } = 14;

    /// <summary>The plan a new brokerage starts on (with that plan's trial).</summary>
    [Required]
    public string DefaultPlan { get; set; } = "starter";

    /// <summary>Where Chromium is, to print invoices as PDF.</summary>
    [Required]
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
