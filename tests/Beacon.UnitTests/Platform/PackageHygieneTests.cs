using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Platform;

/// <summary>The NuGet audit and the central pins (ADR 0013), read from the repository's own build files.</summary>
public sealed class PackageHygieneTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_audit_fails_the_build_on_any_advisory_but_not_when_the_advisory_feed_is_unreachable()
    {
        var props = Properties("Directory.Build.props");

        props["NuGetAudit"].ShouldBe("true");
        props["NuGetAuditMode"].ShouldBe("all", "transitive packages too");
        props["NuGetAuditLevel"].ShouldBe("low", "every severity");
        props["TreatWarningsAsErrors"].ShouldBe("true", "so an advisory (NU1901-NU1904) is an error");
        var notErrors = props["WarningsNotAsErrors"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        notErrors.ShouldContain("NU1900", "an offline restore from the package cache must still build");
        notErrors.ShouldNotContain("NU1901");
        notErrors.ShouldNotContain("NU1904");
    }

    [Fact]
    public void Every_central_pin_is_used_by_a_project_directly_or_in_its_restore_graph()
    {
        var pins = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Select(e => (string)e.Attribute("Include")!).ToList();
        var graphs = new[] { "src", "tests", "bench" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "project.assets.json", SearchOption.AllDirectories))
            .Select(File.ReadAllText)
            .ToList();
        graphs.ShouldNotBeEmpty("the projects were restored before their tests ran");

        foreach (var pin in pins)
        {
            graphs.Any(g => g.Contains($"\"{pin}/", StringComparison.OrdinalIgnoreCase))
                .ShouldBeTrue($"{pin} is pinned in Directory.Packages.props but no project uses it");
        }
    }

    private static Dictionary<string, string> Properties(string file) =>
        XDocument.Load(Path.Combine(Root, file)).Descendants("PropertyGroup").Elements()
            .GroupBy(e => e.Name.LocalName)
            .ToDictionary(g => g.Key, g => g.Last().Value.Trim());

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
