using System.Diagnostics;
using Beacon.Bench.Platform;
using Beacon.Leads.BulkImport;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Leads;

/// <summary>
/// The import's CSV reading alone (no server, no database): the generated lead file of <c>leads import</c> read
/// record by record through <see cref="CsvRecordReader"/>, best of three passes, so the reader's own cost shows
/// apart from the validation, dedupe and writes around it.
/// </summary>
internal sealed class LeadsCsvReadBenchmark : IBenchmark
{
    public string Name => "leads csv-read";

    public string Description => "the import's CSV reader alone [--rows 1000000]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var rows = o.Int("--rows", 1_000_000);
        Console.WriteLine($"load average before: {LoadAverage()}");
        var file = await BenchCsv.WriteAsync(rows, 7);
        try
        {
            var megabytes = new FileInfo(file).Length / 1048576.0;
            var best = TimeSpan.MaxValue;
            long records = 0;
            for (var pass = 1; pass <= 3; pass++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                records = Read(file);
                clock.Stop();
                Console.WriteLine($"  pass {pass}: {records} records in {F(clock.Elapsed.TotalSeconds, "0.000")} s");
                best = clock.Elapsed < best ? clock.Elapsed : best;
            }

            Console.WriteLine($"leads csv-read: {rows} rows, {F(megabytes, "0.0")} MB; best of 3 {F(best.TotalSeconds, "0.000")} s = " +
                              $"{F(rows / best.TotalSeconds, "0")} rows/s, {F(megabytes / best.TotalSeconds, "0")} MB/s");
            Console.WriteLine($"load average after: {LoadAverage()}");
            return records == rows + 1 ? 0 : 1;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static long Read(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var csv = new CsvRecordReader(stream);
        var fields = new List<string>();
        long records = 0;
        while (csv.TryRead(fields, out var error))
        {
            records += error is null ? 1 : 0;
        }

        return records;
    }
}
