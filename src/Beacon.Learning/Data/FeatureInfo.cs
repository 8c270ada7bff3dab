namespace Beacon.Learning.Data;

/// <summary>
/// One feature column. For categorical features <see cref="Categories"/> holds the level names; a value is encoded
/// as its index. Any index outside the list means "a level not seen in training".
/// </summary>
public sealed record FeatureInfo(string Name, FeatureKind Kind, IReadOnlyList<string> Categories)
{
    public static FeatureInfo Numeric(string name) => new(name, FeatureKind.Numeric, []);

    public static FeatureInfo Categorical(string name, IReadOnlyList<string> categories) =>
        new(name, FeatureKind.Categorical, categories);

    public bool IsCategorical => Kind == FeatureKind.Categorical;
}
