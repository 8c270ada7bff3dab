using System.ComponentModel.DataAnnotations;

namespace Beacon.Workflows.Engine;

/// <summary><c>Beacon:Workflows:Webhook</c>: how a webhook step's POST is timed out and retried before it is given up.</summary>
internal sealed class WorkflowWebhookOptions
{
    public const string Section = "Beacon:Workflows:Webhook";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before the step is recorded as failed on the enrollment's history.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether a step may call loopback and private addresses; unset: only in Development (WebhookTargets).</summary>
    public bool? AllowPrivateTargets { get; set; }
}
