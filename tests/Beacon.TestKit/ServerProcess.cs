using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Beacon.TestKit;

/// <summary>
/// A real <c>Beacon.Server</c> process on a free loopback port: for end-to-end tests and for what only several
/// processes can prove (two nodes on one database, a node killed mid-work). Output is kept for failure messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private const string AllowPrivateTargets = "Beacon:Webhooks:AllowPrivateTargets";

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan? readyTimeout = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        // Through env: a test run started in the background (`./beacon test &`, a CI runner) ignores SIGINT, and an
        // ignored signal stays ignored across exec, so the server would never see the Ctrl-C a test sends it.
        var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--default-signal=INT");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(ServerDll());
        psi.ArgumentList.Add("serve");
        psi.ArgumentList.Add($"--urls={baseAddress}");
        // E-mail goes to the run's sink unless the caller names an SMTP server: signing up needs its confirmation link.
        var smtp = settings.ContainsKey("Beacon:Email:Smtp:Host") ? new Dictionary<string, string?>() : SmtpSink.Shared.Settings;
        // Its workers take any test's jobs on the run's database, webhook deliveries to a local receiver among them;
        // nodes of one deployment share their settings, so it allows the private targets the shared test server does.
        var shared = settings.ContainsKey(AllowPrivateTargets) ? [] : new Dictionary<string, string?> { [AllowPrivateTargets] = "true" };
        // Rate limits are counted in the run's Redis unless the caller names one (or none, with an empty value).
        var redis = settings.ContainsKey("Beacon:Redis:Configuration") ? new Dictionary<string, string?>() : RedisServer.Shared.Settings;
        // Links the server builds (e-mails, single sign-on's redirect URI) point at this process unless the caller says otherwise.
        var publicUrl = settings.ContainsKey("Beacon:Auth:PublicUrl")
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["Beacon:Auth:PublicUrl"] = baseAddress.ToString().TrimEnd('/') };
        foreach (var (key, value) in smtp.Concat(shared).Concat(redis).Concat(publicUrl).Concat(settings))
        {
            psi.ArgumentList.Add($"--{key}={value}");
        }

        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start Beacon.Server.");
        var server = new ServerProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(60));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the graceful path (workers finish, claims are handed back, embedded PostgreSQL stops).
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>What Ctrl-C sends; waits for the process to end on its own.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Beacon.Server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow start on a loaded machine.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Beacon.Server was not ready within {timeout}:\n{Output}");
    }

    private static string ServerDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Beacon.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Beacon.Server.dll is not beside the tests.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
