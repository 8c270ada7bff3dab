using System.Globalization;

namespace Beacon.Audit.Verify;

internal static class VerifyCommand
{
    public static async Task<int> RunAsync(ChainVerifier verifier, string[] args, TextWriter output, CancellationToken ct)
    {
        Guid? tenant = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--tenant" && i + 1 < args.Length && Guid.TryParse(args[i + 1], out var id))
            {
                tenant = id;
                i++;
            }
            else
            {
                var problem = args[i] == "--tenant" ? "--tenant needs a tenant id (a GUID)" : $"Unknown argument '{args[i]}'";
                await output.WriteLineAsync($"{problem}. Usage: audit verify [--tenant ID]");
                return 2;
            }
        }

        var tenants = tenant is { } one ? [one] : await verifier.ChainedTenantsAsync(ct);
        var broken = 0;
        foreach (var t in tenants)
        {
            var report = await verifier.VerifyAsync(t, ct);
            broken += report.Ok ? 0 : 1;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{t} {(report.Ok ? "ok" : "BROKEN")}: {VerifyEndpoint.Describe(report).Message}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{tenants.Count} chain(s) verified, {broken} broken."));
        return broken == 0 ? 0 : 1;
    }
}
