using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;

namespace Beacon.TestKit;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, installed by <c>./beacon test</c>) on a
/// free local port, keeping every message it accepts in a maildir that <see cref="MessagesTo"/> reads back.
/// <see cref="Shared"/> is the run's default sink: every <see cref="BeaconFactory"/> and <see cref="ServerProcess"/>
/// sends to it unless told otherwise, so signing up (which needs the confirmation e-mail) works on any of them.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    // Started with stdin as a pipe it reads to the end: if the test process dies without disposing, the pipe closes
    // and the server stops, so no orphan outlives the run.
    private const string Script = """
        import sys
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox
        controller = Controller(Mailbox(sys.argv[1]), hostname='127.0.0.1', port=int(sys.argv[2]))
        controller.start()
        print('ready', flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    private static readonly ConcurrentDictionary<SmtpSink, bool> Live = new();
    private static readonly Lazy<SmtpSink> SharedSink = new(StartShared);
    private readonly ConcurrentDictionary<string, MimeMessage> _parsed = new();
    private readonly Process _process;
    private readonly string _root;

    private SmtpSink(Process process, int port, string root)
    {
        _process = process;
        Port = port;
        _root = root;
    }

    public int Port { get; }

    /// <summary>The run's sink, started on first use and stopped when the test process ends.</summary>
    public static SmtpSink Shared => SharedSink.Value;

    /// <summary>Settings that point Beacon's e-mail at this server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Beacon:Email:Smtp:Host"] = "127.0.0.1",
        ["Beacon:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Beacon:Email:Smtp:Security"] = "None",
    };

    public static async Task<SmtpSink> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        // aiosmtpd's Mailbox creates the maildir itself and fails on an existing empty folder.
        var root = Path.Combine(Path.GetTempPath(), $"beacon-smtp-{Guid.NewGuid():N}");
        // /usr/bin/python3: the Debian interpreter that has the Debian package, whatever python3 is first on PATH.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var process = Process.Start(new ProcessStartInfo(python, ["-c", Script, root, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start aiosmtpd (apt-get install python3-aiosmtpd).");
        var sink = new SmtpSink(process, port, root);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ready = await process.StandardOutput.ReadLineAsync(deadline.Token);
        if (ready != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
            await sink.DisposeAsync();
            throw new InvalidOperationException($"aiosmtpd did not start: {error}");
        }

        Live[sink] = true;
        return sink;
    }

    /// <summary>Every message received so far for <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address)
    {
        var folder = Path.Combine(_root, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // Maildir delivers by renaming a complete file into new/: a file seen there is whole, so it is parsed once.
        return [.. Directory.GetFiles(folder).Select(f => _parsed.GetOrAdd(f, static path => MimeMessage.Load(path)))
            .Where(m => m.To.Mailboxes.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Waits (with a deadline) until <paramref name="count"/> messages reached <paramref name="address"/>.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1) =>
        Poller.UntilAsync(() => Task.FromResult(MessagesTo(address)), m => m.Count >= count, because: $"{count} e-mail(s) to {address}");

    /// <summary>
    /// The token of the first link to <paramref name="path"/> (e.g. <c>/signup/confirm</c>) e-mailed to
    /// <paramref name="address"/> by any running server, whichever sink it sends to: addresses in tests are unique.
    /// </summary>
    public static async Task<string> WaitForLinkTokenAsync(string address, string path)
    {
        var link = new Regex(Regex.Escape(path) + @"\?token=([A-Za-z0-9_\-]+)", RegexOptions.CultureInvariant);
        var token = await Poller.UntilAsync(
            () => Task.FromResult(Live.Keys.SelectMany(s => s.MessagesTo(address))
                .Select(m => link.Match(m.TextBody ?? "")).FirstOrDefault(m => m.Success)?.Groups[1].Value),
            t => t is not null, TimeSpan.FromSeconds(60), $"an e-mail to {address} with a link to {path}");
        return token!;
    }

    private static SmtpSink StartShared()
    {
        // Lazy<T> needs a synchronous factory; WebApplicationFactory configures its host synchronously too. No
        // synchronization context exists in the test host, so blocking here cannot deadlock.
        var sink = Task.Run(StartAsync).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        Live.TryRemove(this, out _);
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
