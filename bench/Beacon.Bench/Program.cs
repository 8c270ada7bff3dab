using System.Reflection;
using Beacon.Bench;

var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t, nonPublic: true)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

// Longest name first, so "leads import" wins over "leads" when both exist.
var joined = string.Join(' ', args);
var chosen = benchmarks
    .OrderByDescending(b => b.Name.Length)
    .FirstOrDefault(b => joined == b.Name || joined.StartsWith(b.Name + " ", StringComparison.Ordinal));

if (chosen is null)
{
    Console.WriteLine("usage: ./beacon bench <name> [options]");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-24} {b.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var rest = args.Skip(chosen.Name.Split(' ').Length).ToArray();
Console.WriteLine($"benchmark: {chosen.Name} ({Assembly.GetEntryAssembly()?.GetName().Version}) on {Environment.ProcessorCount} cores");
return await chosen.RunAsync(rest, cts.Token);
