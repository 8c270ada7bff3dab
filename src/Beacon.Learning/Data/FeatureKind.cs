namespace Beacon.Learning.Data;

/// <summary>How a feature column is interpreted by the learners.</summary>
public enum FeatureKind : byte
{
    /// <summary>A real number; NaN means missing.</summary>
    Numeric = 0,

    /// <summary>A category code 0..k-1 (see <see cref="FeatureInfo.Categories"/>); NaN means missing.</summary>
    Categorical = 1,
}
