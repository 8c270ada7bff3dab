using System.Diagnostics;

namespace Beacon.SharedKernel.Database.Embedded;

/// <summary>Runs a PostgreSQL tool, as the <c>postgres</c> user when we are root (initdb and postgres refuse root).</summary>
internal sealed class ProcessRunner(string binDirectory, string? runAsUser)
{
    public async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var psi = Create(tool, arguments);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {output.Trim()}");
        }

        return output;
    }

    private ProcessStartInfo Create(string tool, IReadOnlyList<string> arguments)
    {
        var exe = Path.Combine(binDirectory, tool);
        ProcessStartInfo psi;
        if (runAsUser is null)
        {
            psi = new ProcessStartInfo(exe);
        }
        else
        {
            psi = new ProcessStartInfo("runuser");
            foreach (var a in new[] { "-u", runAsUser, "--", exe })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.Environment["LC_ALL"] = "C.UTF-8";
        return psi;
    }
}
