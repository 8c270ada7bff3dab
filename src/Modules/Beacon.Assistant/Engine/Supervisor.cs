namespace Beacon.Assistant.Engine;

/// <summary>
/// The built-in engine's supervisor: classifies what the person typed and hands it to the agent of that intent.
/// The classifier sees only the person's own words; what agents read from other modules (lead notes, names) is
/// data put into templates, never something that chooses an agent or a query.
/// </summary>
internal sealed class Supervisor
{
    // Below this posterior the guess is a coin toss between intents: the fallback says what it can do instead.
    private const double MinimumConfidence = 0.4;
    private readonly IntentClassifier _classifier;
    private readonly Dictionary<string, IAgent> _agents;

    public Supervisor(IEnumerable<IAgent> agents)
        : this(IntentClassifier.Train(Utterances.Shipped()), agents)
    {
    }

    internal Supervisor(IntentClassifier classifier, IEnumerable<IAgent> agents)
    {
        _classifier = classifier;
        _agents = agents.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var missing = classifier.Intents.Where(i => !_agents.ContainsKey(i)).ToList();
        if (missing.Count > 0 || !_agents.ContainsKey(AgentNames.Fallback))
        {
            throw new InvalidOperationException($"No agent for intents: {string.Join(", ", missing.Append(AgentNames.Fallback))}.");
        }
    }

    public IAgent Route(string text)
    {
        var guess = _classifier.Classify(text);
        return guess.Confidence >= MinimumConfidence ? _agents[guess.Intent] : _agents[AgentNames.Fallback];
    }
}
