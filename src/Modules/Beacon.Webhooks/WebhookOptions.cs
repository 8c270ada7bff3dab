using System.ComponentModel.DataAnnotations;

namespace Beacon.Webhooks;

/// <summary><c>Beacon:Webhooks</c>: how deliveries are made, retried and given up on.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Beacon:Webhooks";

    /// <summary>
    /// Lets subscriptions and deliveries reach loopback and private addresses. Unset, it follows the environment: on in
    /// Development (tests' local receivers), off everywhere else, where such a URL would be a way into our network (SSRF).
    /// </summary>
    public bool? AllowPrivateTargets { get; set; }

    /// <summary>How long one delivery attempt may take, connection and response together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts of one delivery before it is marked failed (a replay starts a fresh series).</summary>
    [Range(1, 30)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Failed attempts in a row, across a subscription's deliveries, after which it is disabled and its owners told.</summary>
    [Range(1, 1000)]
    public int DisableAfterConsecutiveFailures { get; set; } = 20;

    /// <summary>How long the secret replaced by a rotation still signs deliveries, beside the new one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Characters of a receiver's answer kept in the delivery log.</summary>
    [Range(0, 10_000)]
    public int ResponseSnippetLength { get; set; } = 500;
}
