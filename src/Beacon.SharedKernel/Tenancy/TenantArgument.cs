namespace Beacon.SharedKernel.Tenancy;

/// <summary>The <c>[--tenant ID]</c> argument of the server's maintenance commands (audit verify, conversions and scoring rebuild).</summary>
public static class TenantArgument
{
    /// <summary>
    /// <c>Ok</c> with the tenant, or null for every tenant; otherwise writes what is wrong with <paramref name="usage"/>
    /// (e.g. <c>audit verify [--tenant ID]</c>) and answers not ok, for the command to exit with 2.
    /// </summary>
    public static async Task<(bool Ok, Guid? Tenant)> ParseAsync(string[] args, string usage, TextWriter output)
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
                await output.WriteLineAsync($"{problem}. Usage: {usage}");
                return (false, null);
            }
        }

        return (true, tenant);
    }
}
