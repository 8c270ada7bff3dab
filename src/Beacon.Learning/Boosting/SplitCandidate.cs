namespace Beacon.Learning.Boosting;

/// <summary>The best split found for one leaf. For categorical splits <see cref="LeftBins"/> marks the bins sent left.</summary>
internal sealed class SplitCandidate
{
    public int Feature { get; set; } = -1;

    public double Gain { get; set; }

    /// <summary>Numeric: bins 1..SplitBin go left.</summary>
    public int SplitBin { get; set; }

    public bool MissingLeft { get; set; }

    public bool IsCategorical { get; set; }

    public ulong[] LeftBins { get; } = new ulong[4];

    public bool IsValid => Feature >= 0;

    public void CopyFrom(SplitCandidate other)
    {
        Feature = other.Feature;
        Gain = other.Gain;
        SplitBin = other.SplitBin;
        MissingLeft = other.MissingLeft;
        IsCategorical = other.IsCategorical;
        other.LeftBins.CopyTo(LeftBins, 0);
    }

    public bool GoesLeft(byte bin) => IsCategorical
        ? (LeftBins[bin >> 6] & (1UL << (bin & 63))) != 0
        : bin == 0 ? MissingLeft : bin <= SplitBin;
}
