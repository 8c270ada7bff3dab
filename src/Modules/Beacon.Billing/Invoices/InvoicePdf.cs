using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Billing.Invoices;

/// <summary>
/// Prints HTML to PDF with headless Chromium (already on every machine that runs the browser tests; no PDF library
/// with a licence we could ship was on the registry list, ADR 0020). One process per document, in a private temporary
/// folder removed afterwards; null when Chromium is missing, fails or overruns the timeout.
/// </summary>
internal sealed partial class InvoicePdf(IOptions<BillingOptions> options, ILogger<InvoicePdf> log)
{
    public async Task<byte[]?> RenderAsync(string html, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("beacon-invoice-");
        try
        {
            var source = Path.Combine(folder.FullName, "invoice.html");
            var target = Path.Combine(folder.FullName, "invoice.pdf");
            await File.WriteAllTextAsync(source, html, ct);
            var start = new ProcessStartInfo(options.Value.ChromiumPath)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--disable-extensions",
                    $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={target}", new Uri(source).AbsoluteUri,
                },
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.PdfTimeout);
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(timeout.Token), process.StandardError.ReadToEndAsync(timeout.Token));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                await drain;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                LogFailed(log, "timed out", null);
                return null;
            }

            return File.Exists(target) ? await File.ReadAllBytesAsync(target, ct) : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            LogFailed(log, e.Message, e);
            return null;
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold its profile for a moment; the temporary folder is cleaned by the OS later.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice PDF printing failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason, Exception? exception);
}
