namespace Beacon.Learning.Tests;

/// <summary>Finds the repository root (the folder with Beacon.slnx) and the shared data beside it (../shared/data).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

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
