using System.Reflection;

namespace Beacon.SharedKernel.Database;

/// <summary>
/// A module's numbered <c>.sql</c> files (embedded resources named <c>NNNN_name.sql</c>) and the schemas the
/// application role may use. Schemas not listed stay invisible to it (reached only through SECURITY DEFINER functions).
/// </summary>
public sealed record ModuleMigrations(string Module, Assembly Assembly, IReadOnlyList<string> AppSchemas)
{
    public IEnumerable<(int Version, string Name, string Sql)> Scripts()
    {
        foreach (var resource in Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var parts = resource.Split('.');
            var name = parts[^2];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name[..underscore], out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
            }

            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, name, reader.ReadToEnd());
        }
    }
}
