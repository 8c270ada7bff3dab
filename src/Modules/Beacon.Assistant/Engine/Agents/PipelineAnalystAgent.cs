using System.Globalization;
using System.Text;
using Beacon.Contracts.Leads;

namespace Beacon.Assistant.Engine.Agents;

/// <summary>"How many leads are under contract?": the person's visible leads per stage, from <see cref="ILeadFinder"/>.</summary>
internal sealed class PipelineAnalystAgent(ILeadFinder finder) : IAgent
{
    // What people call a stage, by the stage's wire name; the wire name with spaces is matched too.
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["closed"] = ["closed", "won", "deals"],
        ["lost"] = ["lost", "lose"],
        ["showing"] = ["showing", "showings"],
        ["offer"] = ["offer", "offers"],
        ["appointment"] = ["appointment", "appointments"],
    };

    public string Name => AgentNames.PipelineAnalyst;

    public async Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct)
    {
        var tally = await finder.StageTallyAsync(request.User, ct);
        var total = tally.Sum(t => t.Count);
        if (total == 0)
        {
            return new AgentAnswer(Name, "You have no leads in your pipeline yet. Capture or import some, and ask me again.", []);
        }

        var text = new StringBuilder();
        if (AskedStage(request.Text) is { } stage)
        {
            var count = tally.FirstOrDefault(t => t.Stage == stage)?.Count ?? 0;
            text.Append(CultureInfo.InvariantCulture, $"{count} of your {total} leads {(count == 1 ? "is" : "are")} {Label(stage)}.\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Your pipeline has {total} {(total == 1 ? "lead" : "leads")}:");
        foreach (var t in tally)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n• {Label(t.Stage)}: {t.Count}");
        }

        var biggest = tally.MaxBy(t => t.Count)!;
        text.Append(CultureInfo.InvariantCulture, $"\nThe largest stage is {Label(biggest.Stage)} ({biggest.Count * 100 / total} %).");
        return new AgentAnswer(Name, text.ToString(), []);
    }

    private static string Label(string stage) => stage.Replace('_', ' ');

    private static string? AskedStage(string text)
    {
        var lower = " " + new string([.. text.ToLowerInvariant().Select(c => char.IsLetter(c) ? c : ' ')]) + " ";
        string[] stages = ["under_contract", "closed", "lost", "new", "contacted", "qualified", "appointment", "showing", "listing", "offer", "nurture"];
        return stages.FirstOrDefault(s => lower.Contains($" {Label(s)} ", StringComparison.Ordinal)
            || (Synonyms.TryGetValue(s, out var words) && words.Any(w => lower.Contains($" {w} ", StringComparison.Ordinal))));
    }
}
