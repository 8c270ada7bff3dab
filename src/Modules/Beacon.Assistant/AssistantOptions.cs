using System.ComponentModel.DataAnnotations;

namespace Beacon.Assistant;

/// <summary>The assistant's socket limits, pacing and engine (<c>Beacon:Assistant</c>).</summary>
internal sealed class AssistantOptions : IValidatableObject
{
    public const string Section = "Beacon:Assistant";

    /// <summary><c>builtin</c> (the default: offline, deterministic) or <c>openai</c> (an OpenAI-compatible provider, ADR 0030).</summary>
    [RegularExpression("^(builtin|openai)$", ErrorMessage = "Provider is builtin or openai.")]
    public string Provider { get; set; } = "builtin";

    /// <summary>The OpenAI-compatible provider, used when <see cref="Provider"/> is <c>openai</c>.</summary>
    public OpenAIProviderOptions OpenAI { get; set; } = new();

    public bool UsesProvider => Provider == "openai";

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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesProvider)
        {
            yield break;
        }

        if (!Uri.TryCreate(OpenAI.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("OpenAI:BaseUrl must be an absolute http(s) URL, e.g. https://api.openai.com/v1.", ["OpenAI.BaseUrl"]);
        }

        if (string.IsNullOrWhiteSpace(OpenAI.Model))
        {
            yield return new ValidationResult("OpenAI:Model is required when Provider is openai.", ["OpenAI.Model"]);
        }

        if (OpenAI.HistoryMessages is < 0 or > 100)
        {
            yield return new ValidationResult("OpenAI:HistoryMessages is between 0 and 100.", ["OpenAI.HistoryMessages"]);
        }

        if (OpenAI.FirstTokenTimeout <= TimeSpan.Zero || OpenAI.RequestTimeout < OpenAI.FirstTokenTimeout)
        {
            yield return new ValidationResult("OpenAI:FirstTokenTimeout must be positive and at most OpenAI:RequestTimeout.", ["OpenAI.FirstTokenTimeout"]);
        }
    }
}

/// <summary><c>Beacon:Assistant:OpenAI</c>. The key comes from the environment (<c>Beacon__Assistant__OpenAI__ApiKey</c>) or user secrets.</summary>
internal sealed class OpenAIProviderOptions
{
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";

    public string Model { get; set; } = "gpt-4o-mini";

    public string? ApiKey { get; set; }

    /// <summary>How long the provider may take to its first word (tool calls included) before the built-in engine answers instead.</summary>
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How many earlier messages of the thread (questions and answers, masked like the question) go with it for context.</summary>
    public int HistoryMessages { get; set; } = 10;

    /// <summary>The most one answer may take, all of it.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
