using System.Globalization;
using System.Text;

namespace Beacon.Learning.Tests;

/// <summary>A temporary folder of small CSV files for <c>model eval</c> tests; deleted on dispose.</summary>
public sealed class EvalFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("beacon-eval-").FullName;

    public string PathOf(string name) => Path.Combine(_dir, name);

    public string Write(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// <paramref name="rows"/> rows of "id,x,y,…extra": x a signal (y more likely when x is high; ROC AUC about 0.8, short of the leakage warning), y = 1/0 unless
    /// <paramref name="label"/> maps it; <paramref name="extra"/> appends columns computed from (row, x, y).
    /// </summary>
    public string Signal(string name, int rows, int seed, Func<int, string>? label = null,
        params (string Header, Func<int, double, int, string> Value)[] extra)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder("id,x,y");
        foreach (var (h, _) in extra)
        {
            sb.Append(',').Append(h);
        }

        sb.Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var x = (rng.NextDouble() * 4) - 2;
            var y = rng.NextDouble() < 1 / (1 + Math.Exp(-1.5 * x)) ? 1 : 0;
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{x:0.###},{(label is null ? y.ToString(CultureInfo.InvariantCulture) : label(y))}");
            foreach (var (_, value) in extra)
            {
                sb.Append(',').Append(value(i, x, y));
            }

            sb.Append('\n');
        }

        return Write(name, sb.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
