using System.Globalization;
using System.Text;

namespace Beacon.Bench.Leads;

/// <summary>
/// A lead CSV for the import and query benchmarks: <paramref name="rows"/> rows in which every tenth repeats the
/// person of an earlier row (e-mail in another case, so dedupe has to normalise), written to a temp file.
/// </summary>
internal static class BenchCsv
{
    private static readonly string[] Stages = ["new", "contacted", "qualified", "appointment", "nurture", "lost"];
    private static readonly string[] Sources = ["zillow", "realtor.com", "website", "open_house", "referral", "facebook"];

    public static async Task<string> WriteAsync(int rows, int seed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"beacon-bench-leads-{Guid.NewGuid():N}.csv");
        var rng = new Random(seed);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteAsync("First Name,Last Name,Email,Phone,Source,Type,Stage,Budget,Zip,Tags\r\n");
        for (var i = 0; i < rows; i++)
        {
            var person = i % 10 == 9 ? rng.Next(i / 10 + 1) * 10 : i;
            var email = i % 10 == 9 ? $"Person{person}@Bench.test" : $"person{person}@bench.test";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"First{person},Last{person},{email},{LeadsBench.Phone(person)},{Sources[person % Sources.Length]},buyer,{Stages[person % Stages.Length]},{300_000 + (person % 50) * 10_000},958{14 + (person % 20)},bench\r\n");
            await writer.WriteAsync(line);
        }

        return path;
    }

    /// <summary>How many distinct people a file of <paramref name="rows"/> rows holds (every tenth row repeats one).</summary>
    public static long People(int rows) => rows - (rows / 10);
}
