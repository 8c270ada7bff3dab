namespace Beacon.Sandbox.Llm;

/// <summary>
/// <c>Sandbox:Llm</c>: where the fake OpenAI-compatible model listens (its own port, so its <c>/v1</c> never meets the
/// payment gateway's), the key it expects, and the pause between streamed words.
/// </summary>
internal sealed class LlmSettings
{
    public const string Section = "Sandbox:Llm";

    public string Urls { get; set; } = "http://127.0.0.1:5391";

    public string ApiKey { get; set; } = "sandbox-llm-key";

    public int WordDelayMs { get; set; } = 5;
}
