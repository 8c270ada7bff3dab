using System.Reflection;

namespace Beacon.Assistant.Engine;

/// <summary>The labelled utterances the classifier learns from, as TSV lines <c>intent\ttext</c> ('#' starts a comment).</summary>
internal static class Utterances
{
    public static IReadOnlyList<Utterance> Parse(TextReader reader)
    {
        var examples = new List<Utterance>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new FormatException($"Not 'intent<TAB>text': {line}");
            }

            examples.Add(new Utterance(line[(tab + 1)..].Trim(), line[..tab].Trim()));
        }

        return examples;
    }

    /// <summary>The training set shipped inside this assembly (Engine/utterances.tsv).</summary>
    public static IReadOnlyList<Utterance> Shipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Beacon.Assistant.utterances.tsv")
            ?? throw new InvalidOperationException("The assistant's utterances are not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
