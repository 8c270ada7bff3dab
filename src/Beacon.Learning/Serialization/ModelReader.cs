using System.Text;
using Beacon.Learning.Boosting;
using Beacon.Learning.Calibration;
using Beacon.Learning.Data;
using Beacon.Learning.Linear;

namespace Beacon.Learning.Serialization;

/// <summary>Reads the payload written by <see cref="ModelWriter"/>.</summary>
internal static class ModelReader
{
    public static ScoringModel Read(byte[] payload)
    {
        using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        var features = new FeatureInfo[Count(r)];
        for (var i = 0; i < features.Length; i++)
        {
            var name = r.ReadString();
            var kind = (FeatureKind)r.ReadByte();
            var categories = new string[Count(r)];
            for (var c = 0; c < categories.Length; c++)
            {
                categories[c] = r.ReadString();
            }

            features[i] = new FeatureInfo(name, kind, categories);
        }

        IRawScorer scorer = r.ReadByte() switch
        {
            1 => ReadTrees(r),
            2 => ReadLogistic(r),
            var tag => throw new ModelFormatException($"Unknown scorer tag {tag}."),
        };
        ICalibrator calibrator = r.ReadByte() switch
        {
            0 => IdentityCalibrator.Instance,
            1 => new IsotonicCalibrator(Doubles(r), Doubles(r)),
            2 => new PlattCalibrator(r.ReadDouble(), r.ReadDouble()),
            var tag => throw new ModelFormatException($"Unknown calibrator tag {tag}."),
        };
        if (r.BaseStream.Position != payload.Length)
        {
            throw new ModelFormatException("Model payload has trailing bytes.");
        }

        return new ScoringModel(new FeatureSchema(features), scorer, calibrator);
    }

    private static TreeEnsemble ReadTrees(BinaryReader r)
    {
        var featureCount = r.ReadInt32();
        var baseScore = r.ReadDouble();
        var roots = Ints(r);
        var feature = Ints(r);
        var threshold = Doubles(r);
        var left = Ints(r);
        var right = Ints(r);
        var flags = r.ReadBytes(Count(r));
        var value = Doubles(r);
        var cover = Doubles(r);
        var catOffset = Ints(r);
        var catCount = Ints(r);
        var catBits = new ulong[Count(r)];
        for (var i = 0; i < catBits.Length; i++)
        {
            catBits[i] = r.ReadUInt64();
        }

        return new TreeEnsemble(featureCount, baseScore, roots, feature, threshold, left, right, flags, value, cover,
            catOffset, catCount, catBits);
    }

    private static LogisticModel ReadLogistic(BinaryReader r)
    {
        var count = r.ReadInt32();
        var intercept = r.ReadDouble();
        var kinds = r.ReadBytes(count).Select(b => (FeatureKind)b).ToArray();
        var median = Doubles(r);
        var mean = Doubles(r);
        var scale = Doubles(r);
        var weights = new double[count][];
        for (var i = 0; i < count; i++)
        {
            weights[i] = Doubles(r);
        }

        return new LogisticModel(kinds, median, mean, scale, weights, intercept);
    }

    private static int Count(BinaryReader r)
    {
        var n = r.ReadInt32();
        return n >= 0 && n <= r.BaseStream.Length ? n : throw new ModelFormatException($"Bad array length {n}.");
    }

    private static int[] Ints(BinaryReader r)
    {
        var a = new int[Count(r)];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = r.ReadInt32();
        }

        return a;
    }

    private static double[] Doubles(BinaryReader r)
    {
        var a = new double[Count(r)];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = r.ReadDouble();
        }

        return a;
    }
}
