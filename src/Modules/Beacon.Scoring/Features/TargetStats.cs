namespace Beacon.Scoring.Features;

/// <summary>
/// Smoothed conversion rates of sources and agents: (converted + m·prior) / (leads + m). Training rows get
/// out-of-fold rates (their own outcome never counts towards their feature); live leads get the rates of all
/// training rows, stored with the model.
/// </summary>
internal sealed record TargetStats(double Prior, double Smoothing, Dictionary<string, double[]> Sources, Dictionary<string, double[]> Agents)
{
    public double SourceRate(string source) => Rate(Sources, source);

    public double AgentRate(Guid? agent) => Rate(Agents, agent?.ToString() ?? "none");

    private double Rate(Dictionary<string, double[]> table, string key) =>
        table.TryGetValue(key, out var c) ? (c[0] + (Smoothing * Prior)) / (c[1] + Smoothing) : Prior;

    public static TargetStats Fit(IReadOnlyList<LeadFacts> facts, IReadOnlyList<double> labels, IReadOnlyList<int> rows,
        double smoothing = 20)
    {
        var sources = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var agents = new Dictionary<string, double[]>(StringComparer.Ordinal);
        double pos = 0;
        foreach (var i in rows)
        {
            Add(sources, facts[i].Source, labels[i]);
            Add(agents, facts[i].Agent?.ToString() ?? "none", labels[i]);
            pos += labels[i];
        }

        return new TargetStats(rows.Count == 0 ? 0.1 : pos / rows.Count, smoothing, sources, agents);
    }

    /// <summary>For each row, the (source rate, agent rate) fitted on the other folds only.</summary>
    public static (double[] Source, double[] Agent) OutOfFold(IReadOnlyList<LeadFacts> facts, IReadOnlyList<double> labels,
        IReadOnlyList<int> folds, int k)
    {
        var source = new double[facts.Count];
        var agent = new double[facts.Count];
        for (var fold = 0; fold < k; fold++)
        {
            var others = Enumerable.Range(0, facts.Count).Where(i => folds[i] != fold).ToList();
            var stats = Fit(facts, labels, others);
            for (var i = 0; i < facts.Count; i++)
            {
                if (folds[i] == fold)
                {
                    source[i] = stats.SourceRate(facts[i].Source);
                    agent[i] = stats.AgentRate(facts[i].Agent);
                }
            }
        }

        return (source, agent);
    }

    private static void Add(Dictionary<string, double[]> table, string key, double label)
    {
        if (!table.TryGetValue(key, out var c))
        {
            table[key] = c = new double[2];
        }

        c[0] += label;
        c[1] += 1;
    }
}
