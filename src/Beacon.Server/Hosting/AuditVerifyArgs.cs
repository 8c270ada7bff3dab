namespace Beacon.Server.Hosting;

/// <summary>Separates <c>audit verify</c>'s own <c>--tenant ID</c> from configuration arguments.</summary>
internal static class AuditVerifyArgs
{
    public static (string[] Command, string[] Configuration) Split(string[] args)
    {
        var command = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--tenant")
            {
                command.Add(args[i]);
                if (i + 1 < args.Length)
                {
                    command.Add(args[++i]);
                }
            }
            else
            {
                configuration.Add(args[i]);
            }
        }

        return (command.ToArray(), configuration.ToArray());
    }
}
