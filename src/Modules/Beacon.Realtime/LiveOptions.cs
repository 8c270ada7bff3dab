using System.ComponentModel.DataAnnotations;

namespace Beacon.Realtime;

internal sealed class LiveOptions
{
    public const string Section = "Beacon:Live";

    /// <summary>The sequencer runs on worker nodes; tests that drive it themselves may turn it off.</summary>
    public bool SequencerEnabled { get; set; } = true;

    [Range(1, 10_000)]
    public int SequencerBatch { get; set; } = 1000;

    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Origins allowed to open the socket besides the server's own (e.g. a separately hosted web app).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Frames a connection may have queued before it is cut off as a slow consumer.</summary>
    [Range(16, 100_000)]
    public int SendQueueLimit { get; set; } = 4096;

    /// <summary>Messages a client may send per second, sustained (ADR 0005); over it the socket closes with 1008.</summary>
    [Range(1, 10_000)]
    public int MessagesPerSecond { get; set; } = 20;

    /// <summary>Messages a client may send at once before the sustained rate applies.</summary>
    [Range(1, 100_000)]
    public int MessageBurst { get; set; } = 50;

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an open socket re-checks its credential (revocation, deactivation).</summary>
    public TimeSpan RevalidateInterval { get; set; } = TimeSpan.FromSeconds(15);
}
