using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Beacon.Leads.Demo;

/// <summary>
/// How much history the demo seeder generates: <c>./beacon seed --leads N --seed S</c> (plain command-line keys),
/// or <c>Beacon:Demo:Leads</c> / <c>Beacon:Demo:Seed</c>. Defaults: 12,000 leads, seed 42.
/// </summary>
internal sealed record DemoSettings(int Leads, int Seed)
{
    public const int DefaultLeads = 12_000;
    public const int DefaultSeed = 42;

    public static DemoSettings From(IConfiguration c) => new(
        Read(c["leads"] ?? c["Beacon:Demo:Leads"], DefaultLeads),
        Read(c["seed"] ?? c["Beacon:Demo:Seed"], DefaultSeed));

    private static int Read(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : fallback;
}
