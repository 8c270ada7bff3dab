using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Xunit;

namespace Beacon.IntegrationTests.Assistant;

/// <summary>
/// The sandbox's fake OpenAI-compatible model as a real process, and a second Beacon server on the run's database
/// configured to answer through it (the shared server keeps the built-in engine). Tests of one class share both and
/// run one after another, so each clears what the model received and arms its own faults.
/// </summary>
public sealed class ProviderSandbox : IAsyncLifetime
{
    public const string ApiKey = "sandbox-llm-key";

    private readonly Lock _gate = new();
    private SandboxProcess? _sandbox;
    private BeaconFactory? _server;

    public HttpClient Model { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxProcess.StartAsync();
        Model = new HttpClient { BaseAddress = _sandbox.Llm };
    }

    /// <summary>The server answering through the fake model; the first word must come within 5 s.</summary>
    public BeaconFactory ServerFor(BeaconApp app)
    {
        lock (_gate)
        {
            return _server ??= new BeaconFactory(app.Database, new Dictionary<string, string?>
            {
                ["Beacon:Assistant:Provider"] = "openai",
                ["Beacon:Assistant:OpenAI:BaseUrl"] = new Uri(_sandbox!.Llm, "/v1").ToString(),
                ["Beacon:Assistant:OpenAI:Model"] = "sandbox-model",
                ["Beacon:Assistant:OpenAI:ApiKey"] = ApiKey,
                ["Beacon:Assistant:OpenAI:FirstTokenTimeout"] = "00:00:05",
            });
        }
    }

    /// <summary>Forgets what the model received and any armed fault.</summary>
    public async Task ResetAsync()
    {
        (await Model.DeleteAsync("/_sandbox/llm/requests")).EnsureSuccessStatusCode();
        (await Model.DeleteAsync("/_sandbox/llm/faults")).EnsureSuccessStatusCode();
    }

    public async Task ArmAsync(int? status, int delayMs = 0, int times = 0) =>
        (await Model.PostAsJsonAsync("/_sandbox/llm/faults", new { status, delayMs, times })).EnsureSuccessStatusCode();

    /// <summary>The request bodies the model received, in order.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReceivedAsync() =>
        [.. (await Model.GetFromJsonAsync<JsonElement>("/_sandbox/llm/requests")).EnumerateArray()];

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Model?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
