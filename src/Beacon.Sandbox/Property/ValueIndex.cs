namespace Beacon.Sandbox.Property;

/// <summary>
/// The sandbox's home-price index, May 2008 = 1.00, one factor per calendar year. It follows the rough shape of
/// the Sacramento market (fall to 2011, recovery, the 2021 surge, a flat 2023-2025) so AVMs look plausible next to
/// the 2008 sale prices; it is illustrative, NOT an official series. Years after the table use its last factor.
/// </summary>
internal static class ValueIndex
{
    private const int FirstYear = 2008;

    private static readonly double[] Factors =
    [
        1.00, 0.74, 0.73, 0.66, 0.68, 0.88, 1.00, 1.08, 1.18, 1.28, 1.38, 1.43, 1.55, 1.85, 2.00, 1.95, 2.02, 2.05, 2.06,
    ];

    public static double Factor(int year) => Factors[Math.Clamp(year - FirstYear, 0, Factors.Length - 1)];
}
