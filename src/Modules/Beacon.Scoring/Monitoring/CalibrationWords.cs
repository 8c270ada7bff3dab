using System.Globalization;
using Beacon.Learning.Metrics;

namespace Beacon.Scoring.Monitoring;

/// <summary>A calibration band as a manager reads it: "of 41 leads scored 70–80 %, 73 % converted".</summary>
internal static class CalibrationWords
{
    public static string Describe(ReliabilityBin bin) => string.Create(CultureInfo.InvariantCulture,
        $"of {bin.Count} leads scored {bin.Lower * 100:0}–{bin.Upper * 100:0} %, {bin.ObservedRate * 100:0} % converted");
}
