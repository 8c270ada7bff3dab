using System.Globalization;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.Audit.Verify;

internal static class VerifyCommand
{
    public static async Task<int> RunAsync(ChainVerifier verifier, string[] args, TextWriter output, CancellationToken ct)
    {
        var (ok, tenant) = await TenantArgument.ParseAsync(args, "audit verify [--tenant ID]", output);
        if (!ok)
        {
            return 2;
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
