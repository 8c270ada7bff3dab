using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Beacon.TestKit;

/// <summary>
/// A Beacon.Server process that can be stopped and started again on the same port and data, so an open browser
/// page (whose address cannot change) reconnects to it. ServerProcess picks a new port on every start; a restart
/// seen from the browser needs the old one.
/// </summary>
public sealed class RestartableServer : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public RestartableServer(IReadOnlyDictionary<string, string?> settings)
        : this(_ => settings)
    {
    }

    /// <summary>Settings that depend on the server's own address (links in e-mails, say), chosen before its first start.</summary>
    public RestartableServer(Func<Uri, IReadOnlyDictionary<string, string?>> settings)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        _settings = settings(BaseAddress);
    }

    public Uri BaseAddress { get; }

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

    public async Task StartAsync(TimeSpan readyTimeout)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Beacon.Server.dll"));
        psi.ArgumentList.Add("serve");
        psi.ArgumentList.Add($"--urls={BaseAddress}");
        foreach (var (key, value) in _settings)
        {
            psi.ArgumentList.Add($"--{key}={value}");
        }

        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start Beacon.Server.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitReadyAsync(readyTimeout);
    }

    /// <summary>SIGTERM, the way a deploy stops a node: connections close, the embedded PostgreSQL stops.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"Beacon.Server exited:\n{Output}");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
