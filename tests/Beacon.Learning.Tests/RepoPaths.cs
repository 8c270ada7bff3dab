namespace Beacon.Learning.Tests;

/// <summary>
/// Finds the repository root (the folder with Beacon.slnx) and the shared data beside it (../shared/data), or where
/// BEACON_SHARED_DATA says (a git worktree is not beside shared/).
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedData => Environment.GetEnvironmentVariable("BEACON_SHARED_DATA") is { Length: > 0 } dir
        ? Path.GetFullPath(dir)
        : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Beacon.slnx not found above " + AppContext.BaseDirectory);
    }
}
