using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Beacon.TestKit;

/// <summary>
/// A real Redis for tests: Debian's <c>redis-server</c> (installed by <c>./beacon test</c>) on a free local port,
/// nothing persisted. <see cref="Shared"/> is the run's: every <see cref="BeaconFactory"/> and
/// <see cref="ServerProcess"/> counts its rate limits there unless told otherwise. A test of Redis outages starts
/// its own and stops and restarts it on the same port.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<RedisServer> SharedServer = new(StartShared);
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public static RedisServer Shared => SharedServer.Value;

    /// <summary>The StackExchange.Redis configuration string Beacon's <c>Beacon:Redis:Configuration</c> takes.</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Beacon:Redis:Configuration"] = Configuration };

    public static async Task<RedisServer> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new RedisServer(port);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        // Through sh with stdin as a pipe: when the test process dies without disposing, the pipe closes, `cat` ends
        // and the server is stopped, so no orphan outlives the run.
        var port = Port.ToString(CultureInfo.InvariantCulture);
        _process?.Dispose();
        _process = Process.Start(new ProcessStartInfo("sh",
            ["-c", $"redis-server --port {port} --bind 127.0.0.1 --save '' --appendonly no --loglevel warning & pid=$!; cat >/dev/null; kill $pid"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start redis-server (apt-get install redis-server).");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poller.UntilAsync(() => Task.FromResult(Accepts()), up => up, TimeSpan.FromSeconds(30), $"redis-server on port {port}");
    }

    /// <summary>Stops the server (as an outage would) and waits until its port refuses connections.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync();
        }

        await Poller.UntilAsync(() => Task.FromResult(Accepts()), up => !up, TimeSpan.FromSeconds(30), "redis-server stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static RedisServer StartShared()
    {
        // Synchronous like SmtpSink.Shared: WebApplicationFactory configures its host synchronously.
        var server = Task.Run(StartAsync).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
