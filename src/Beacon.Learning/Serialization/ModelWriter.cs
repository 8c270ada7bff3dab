using System.Text;
using Beacon.Learning.Boosting;
using Beacon.Learning.Calibration;
using Beacon.Learning.Linear;

namespace Beacon.Learning.Serialization;

/// <summary>Writes the payload: schema, scorer (tag 1 trees, 2 logistic), calibrator (tag 0 none, 1 isotonic, 2 Platt).</summary>
internal static class ModelWriter
{
    public static byte[] Write(ScoringModel model)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(model.Schema.Count);
            foreach (var f in model.Schema.Features)
            {
                w.Write(f.Name);
                w.Write((byte)f.Kind);
                w.Write(f.Categories.Count);
                foreach (var c in f.Categories)
                {
                    w.Write(c);
                }
            }

            switch (model.Scorer)
            {
                case TreeEnsemble t:
                    w.Write((byte)1);
                    WriteTrees(w, t);
                    break;
                case LogisticModel l:
                    w.Write((byte)2);
                    WriteLogistic(w, l);
                    break;
                default:
                    throw new NotSupportedException($"Cannot serialise a {model.Scorer.GetType().Name}.");
            }

            WriteCalibrator(w, model.Calibrator);
        }

        return stream.ToArray();
    }

    private static void WriteTrees(BinaryWriter w, TreeEnsemble t)
    {
        w.Write(t.FeatureCount);
        w.Write(t.BaseScore);
        Ints(w, t.TreeRoots);
        Ints(w, t.Feature);
        Doubles(w, t.Threshold);
        Ints(w, t.Left);
        Ints(w, t.Right);
        w.Write(t.Flags.Length);
        w.Write(t.Flags);
        Doubles(w, t.Value);
        Doubles(w, t.Cover);
        Ints(w, t.CatOffset);
        Ints(w, t.CatCount);
        w.Write(t.CatBits.Length);
        foreach (var b in t.CatBits)
        {
            w.Write(b);
        }
    }

    private static void WriteLogistic(BinaryWriter w, LogisticModel l)
    {
        w.Write(l.FeatureCount);
        w.Write(l.Intercept);
        w.Write(l.Kinds.Select(k => (byte)k).ToArray());
        Doubles(w, l.Median);
        Doubles(w, l.Mean);
        Doubles(w, l.Scale);
        foreach (var weights in l.Weights)
        {
            Doubles(w, weights);
        }
    }

    private static void WriteCalibrator(BinaryWriter w, ICalibrator c)
    {
        switch (c)
        {
            case IsotonicCalibrator iso:
                w.Write((byte)1);
                Doubles(w, [.. iso.X]);
                Doubles(w, [.. iso.Y]);
                break;
            case PlattCalibrator platt:
                w.Write((byte)2);
                w.Write(platt.A);
                w.Write(platt.B);
                break;
            default:
                w.Write((byte)0);
                break;
        }
    }

    internal static void Ints(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    internal static void Doubles(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }
}
