namespace Beacon.TestKit;

/// <summary>Where the repository is, found from a test's output folder, and the folders tests write into.</summary>
public static class RepoFolders
{
    /// <summary>The repository root (the folder holding Beacon.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The server's content root: the built web app is served from its <c>wwwroot</c>.</summary>
    public static string ServerContentRoot => Path.Combine(Root, "src", "Beacon.Server");

    /// <summary><c>artifacts/</c>, where tests leave screenshots and measured figures (never asserted).</summary>
    public static string Artifacts => Directory.CreateDirectory(Path.Combine(Root, "artifacts")).FullName;

    /// <summary>Fails with the way out when the web app has not been built into the server's <c>wwwroot</c>.</summary>
    public static void EnsureWebAppBuilt()
    {
        var index = Path.Combine(ServerContentRoot, "wwwroot", "index.html");
        if (!File.Exists(index))
        {
            throw new InvalidOperationException(
                $"The web app is not built ({index} is missing): build Beacon.Server without SkipWebBuild, or run `npm ci && npm run build` in web/.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Beacon.slnx not found above " + AppContext.BaseDirectory);
    }
}
