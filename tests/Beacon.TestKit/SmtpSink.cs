using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Beacon.TestKit;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, installed by <c>./beacon test</c>) on a
/// free local port, keeping every message it accepts in a maildir that <see cref="MessagesTo"/> reads back.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private SmtpSink(Process process, int port, string root)
    {
        _process = process;
        Port = port;
        _root = root;
    }

    public int Port { get; }

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
        var process = Process.Start(new ProcessStartInfo(python,
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", root])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start aiosmtpd (apt-get install python3-aiosmtpd).");
        var sink = new SmtpSink(process, port, root);
        await Poller.UntilAsync(sink.AcceptsAsync, up => up || process.HasExited, TimeSpan.FromSeconds(20), "aiosmtpd listens");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"aiosmtpd exited: {await process.StandardError.ReadToEndAsync()}");
        }

        return sink;
    }

    /// <summary>Every message received so far for <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address)
    {
        var folder = Path.Combine(_root, "new");
        return !Directory.Exists(folder)
            ? []
            : [.. Directory.GetFiles(folder).Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Waits (with a deadline) until <paramref name="count"/> messages reached <paramref name="address"/>.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1) =>
        Poller.UntilAsync(() => Task.FromResult(MessagesTo(address)), m => m.Count >= count, because: $"{count} e-mail(s) to {address}");

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
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
