using System.Globalization;
using System.Text;

namespace Beacon.Assistant.Engine;

/// <summary>One labelled utterance: what a person typed and the agent that should answer it.</summary>
internal sealed record Utterance(string Text, string Intent);

/// <summary>The classifier's choice and how sure it is (the posterior of that intent, 0–1).</summary>
internal sealed record IntentGuess(string Intent, double Confidence);

/// <summary>
/// Multinomial naive Bayes over word unigrams and bigrams with add-one smoothing. Small, deterministic, trained in
/// milliseconds at start-up from the utterances shipped in the repo, and good enough to route a realtor's short
/// questions (the held-out accuracy test keeps it honest); no model file, no external engine.
/// </summary>
internal sealed class IntentClassifier
{
    private readonly Dictionary<string, double> _logPriors;
    private readonly Dictionary<string, Dictionary<string, double>> _logLikelihoods;
    private readonly Dictionary<string, double> _logUnseen;

    private IntentClassifier(Dictionary<string, double> logPriors, Dictionary<string, Dictionary<string, double>> logLikelihoods,
        Dictionary<string, double> logUnseen) => (_logPriors, _logLikelihoods, _logUnseen) = (logPriors, logLikelihoods, logUnseen);

    public IReadOnlyCollection<string> Intents => _logPriors.Keys;

    public static IntentClassifier Train(IReadOnlyList<Utterance> examples)
    {
        if (examples.Count == 0)
        {
            throw new ArgumentException("The classifier needs at least one example.", nameof(examples));
        }

        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            var perIntent = counts.TryGetValue(example.Intent, out var c) ? c : counts[example.Intent] = new(StringComparer.Ordinal);
            foreach (var feature in Features(example.Text))
            {
                vocabulary.Add(feature);
                perIntent[feature] = perIntent.GetValueOrDefault(feature) + 1;
            }
        }

        var priors = examples.GroupBy(e => e.Intent, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Log((double)g.Count() / examples.Count), StringComparer.Ordinal);
        var likelihoods = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var unseen = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (intent, features) in counts)
        {
            double total = features.Values.Sum() + vocabulary.Count;
            likelihoods[intent] = features.ToDictionary(f => f.Key, f => Math.Log((f.Value + 1) / total), StringComparer.Ordinal);
            unseen[intent] = Math.Log(1 / total);
        }

        return new IntentClassifier(priors, likelihoods, unseen);
    }

    public IntentGuess Classify(string text)
    {
        var features = Features(text).ToList();
        var scores = _logPriors.ToDictionary(p => p.Key, p => p.Value + features.Sum(f =>
            _logLikelihoods[p.Key].TryGetValue(f, out var l) ? l : _logUnseen[p.Key]), StringComparer.Ordinal);
        // Ties go to the alphabetically first intent, so the same words always route the same way.
        var best = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First();
        var evidence = scores.Values.Sum(s => Math.Exp(s - best.Value));
        return new IntentGuess(best.Key, 1 / evidence);
    }

    /// <summary>Lower-cased words (letters and digits; an apostrophe's "s" dropped) and each adjacent pair.</summary>
    internal static IEnumerable<string> Features(string text)
    {
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            yield return words[i];
            if (i > 0)
            {
                yield return words[i - 1] + " " + words[i];
            }
        }
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text.ToLower(CultureInfo.InvariantCulture).Replace("'s ", " ", StringComparison.Ordinal) + " ")
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(ch);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        return words;
    }
}
