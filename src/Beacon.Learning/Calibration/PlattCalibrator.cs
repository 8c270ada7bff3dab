using Beacon.Learning.Boosting;

namespace Beacon.Learning.Calibration;

/// <summary>Platt scaling: p = sigmoid(A·raw + B), A and B fitted by Newton's method on log loss.</summary>
public sealed class PlattCalibrator(double a, double b) : ICalibrator
{
    public double A { get; } = a;

    public double B { get; } = b;

    public double Calibrate(double rawScore) => Sigmoid.Of((A * rawScore) + B);

    public static PlattCalibrator Fit(ReadOnlySpan<double> rawScores, ReadOnlySpan<double> labels)
    {
        double a = 1, b = 0;
        for (var iter = 0; iter < 100; iter++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (var i = 0; i < rawScores.Length; i++)
            {
                var s = rawScores[i];
                var p = Sigmoid.Of((a * s) + b);
                var d = p - labels[i];
                var w = Math.Max(p * (1 - p), 1e-12);
                ga += d * s;
                gb += d;
                haa += w * s * s;
                hab += w * s;
                hbb += w;
            }

            // A tiny ridge keeps the 2×2 system solvable when every score is equal.
            haa += 1e-9;
            hbb += 1e-9;
            var det = (haa * hbb) - (hab * hab);
            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        return new PlattCalibrator(a, b);
    }
}
