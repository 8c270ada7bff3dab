using System.Diagnostics;

namespace Beacon.TestKit.Sandbox;

/// <summary>
/// The sandbox as a real child process on a free loopback port, for tests that need real sockets (connection
/// resets, timeouts) or a server in another process. Reusable by the integration and end-to-end suites:
/// <c>await using var sandbox = await SandboxProcess.StartAsync("--Sandbox:Property:LatencyMs=50-200");</c>
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Sandbox listening on ";
    private const string IdentityProviderPrefix = "Sandbox identity provider listening on ";
    private const string LlmPrefix = "Sandbox LLM listening on ";

    private readonly Process _process;

    private SandboxProcess(Process process, Uri baseAddress, Uri identityProvider, Uri llm)
    {
        _process = process;
        BaseAddress = baseAddress;
        IdentityProvider = identityProvider;
        Llm = llm;
    }

    public Uri BaseAddress { get; }

    /// <summary>The OpenID Connect provider's issuer (its own port; the sandbox prints it before its main line).</summary>
    public Uri IdentityProvider { get; }

    /// <summary>The fake OpenAI-compatible model (its own port): <c>/v1/chat/completions</c> and <c>/_sandbox/llm</c>.</summary>
    public Uri Llm { get; }

    /// <summary>Starts <c>dotnet Beacon.Sandbox.dll --urls http://127.0.0.1:0</c> plus any knob arguments.</summary>
    public static async Task<SandboxProcess> StartAsync(params string[] arguments) =>
        await StartAsync(DefaultAssemblyPath(), TimeSpan.FromSeconds(60), arguments);

    public static async Task<SandboxProcess> StartAsync(string assemblyPath, TimeSpan startTimeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        foreach (var argument in (string[])[assemblyPath, "--urls", "http://127.0.0.1:0",
                     "--Sandbox:Identity:Urls=http://127.0.0.1:0", "--Sandbox:Llm:Urls=http://127.0.0.1:0", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        // Quiet logs: the parent only needs the listening line, and a full pipe would block the child.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        Uri? identityProvider = null;
        Uri? llm = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith(IdentityProviderPrefix, StringComparison.Ordinal) == true)
            {
                identityProvider ??= new Uri(e.Data[IdentityProviderPrefix.Length..].Trim());
            }
            else if (e.Data?.StartsWith(LlmPrefix, StringComparison.Ordinal) == true)
            {
                llm ??= new Uri(e.Data[LlmPrefix.Length..].Trim());
            }
            else if (e.Data?.StartsWith(ListeningPrefix, StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(new Uri(e.Data[ListeningPrefix.Length..].Trim()));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The sandbox exited with code {process.ExitCode} before listening."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var address = await listening.Task.WaitAsync(startTimeout);
            return new SandboxProcess(process, address, identityProvider
                ?? throw new InvalidOperationException("The sandbox did not say where its identity provider listens."),
                llm ?? throw new InvalidOperationException("The sandbox did not say where its fake model listens."));
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>Beacon.Sandbox.dll beside the test assembly (copied there by the project reference).</summary>
    public static string DefaultAssemblyPath() => Path.Combine(AppContext.BaseDirectory, "Beacon.Sandbox.dll");

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
