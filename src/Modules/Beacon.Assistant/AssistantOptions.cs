using System.ComponentModel.DataAnnotations;

namespace Beacon.Assistant;

/// <summary>The assistant's socket limits and pacing (<c>Beacon:Assistant</c>).</summary>
internal sealed class AssistantOptions
{
    public const string Section = "Beacon:Assistant";

    /// <summary>How long a new socket may take to send its <c>auth</c> frame.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A frame's size limit; a larger one gets a <c>too_large</c> error and is dropped.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 16 * 1024;

    /// <summary>A question's length limit, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 4_000;

    /// <summary>
    /// Above this size a frame is not even read to its end: the socket closes with 1009. Up to it, an oversized frame
    /// is drained and answered with an error, and the connection stays open.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int DrainLimitBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The pause between streamed tokens. The built-in engine has its answer at once; pacing it like a model types
    /// keeps the stream readable and gives "stop" something to stop. The first token is never delayed.
    /// </summary>
    public TimeSpan TokenDelay { get; set; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Refused frames in a row (rate limit spent) after which the socket is closed with 1008.</summary>
    [Range(1, 10_000)]
    public int RefusalsBeforeClose { get; set; } = 10;
}
