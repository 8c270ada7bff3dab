using System.Text.Json.Serialization;
using Beacon.Learning.Data;
using Beacon.Scoring.Monitoring;

namespace Beacon.Scoring.Features;

/// <summary>
/// The feature pipeline stored with a model (as JSON): version, feature names, category levels, target statistics
/// and the training distribution of every feature (for drift). It turns facts into the model's encoded row.
/// </summary>
internal sealed record FeaturePipeline(string Version, int HorizonDays, IReadOnlyList<string> Features,
    Dictionary<string, List<string>> Levels, TargetStats Stats, Dictionary<string, FeatureBaseline> Baseline)
{
    private FeatureSchema? _schema;
    private FeatureDef[]? _defs;

    [JsonIgnore]
    public FeatureSchema Schema => _schema ??= new FeatureSchema([.. Features.Select(n =>
        FeatureCatalog.All[FeatureCatalog.IndexOf(n)].IsCategorical
            ? FeatureInfo.Categorical(n, Levels.GetValueOrDefault(n) ?? [])
            : FeatureInfo.Numeric(n))]);

    /// <summary>Encodes with the stored target statistics (live scoring, hold-out rows).</summary>
    public void Encode(LeadFacts facts, Span<double> row) =>
        Encode(facts, Stats.SourceRate(facts.Source), Stats.AgentRate(facts.Agent), row);

    /// <summary>Encodes with given source and agent rates (out-of-fold rates for training rows).</summary>
    public void Encode(LeadFacts facts, double sourceRate, double agentRate, Span<double> row)
    {
        var schema = Schema;
        var defs = _defs ??= [.. Features.Select(n => FeatureCatalog.All[FeatureCatalog.IndexOf(n)])];
        for (var i = 0; i < defs.Length; i++)
        {
            var def = defs[i];
            row[i] = def.Name switch
            {
                FeatureCatalog.SourceRate => sourceRate,
                FeatureCatalog.AgentRate => agentRate,
                _ when def.Category is { } cat => schema.Encode(i, cat(facts)),
                _ => def.Number!(facts),
            };
        }
    }

    /// <summary>A pipeline over the whole catalog with levels seen in the training rows (sorted, so order-free).</summary>
    public static FeaturePipeline Fit(IReadOnlyList<LeadFacts> train, TargetStats stats, int horizonDays)
    {
        var levels = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var def in FeatureCatalog.All.Where(d => d.IsCategorical))
        {
            levels[def.Name] = [.. train.Select(f => def.Category!(f)).Where(v => !string.IsNullOrWhiteSpace(v))
                .Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        return new FeaturePipeline(FeatureCatalog.Version, horizonDays, [.. FeatureCatalog.All.Select(d => d.Name)], levels,
            stats, []);
    }
}
