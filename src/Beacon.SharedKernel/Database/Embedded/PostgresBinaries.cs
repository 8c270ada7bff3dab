namespace Beacon.SharedKernel.Database.Embedded;

/// <summary>Finds the PostgreSQL server binaries: PATH first, then Debian's versioned folders, newest first.</summary>
internal static class PostgresBinaries
{
    public static string Locate()
    {
        var candidates = new List<string>();
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        candidates.AddRange(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))
                && File.Exists(Path.Combine(dir, "postgres")))
            {
                return ResolveLinks(dir);
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
            "Install them with `apt-get install -y postgresql` (./beacon run does this for you), " +
            "or point Beacon at an existing PostgreSQL 15+ with the environment variable ConnectionStrings__Beacon.");
    }

    // /usr/local/bin/initdb may be a link into /usr/lib/postgresql/15/bin; the real folder has postgres beside it.
    private static string ResolveLinks(string dir)
    {
        var initdb = new FileInfo(Path.Combine(dir, "initdb"));
        var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? dir : Path.GetDirectoryName(target.FullName)!;
    }
}
