using System.Globalization;
using System.Text;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.Assistant.Engine.Agents;

/// <summary>
/// "Why is Jane a B?": finds the lead by name among the person's visible leads (<see cref="ILeadFinder"/>), then
/// shows the served grade and the scorer's own reasons (<see cref="ILeadScores"/>), up and down.
/// </summary>
internal sealed class ScoreExplainerAgent(ILeadFinder finder, ILeadScores scores) : IAgent
{
    public string Name => AgentNames.ScoreExplainer;

    public async Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct)
    {
        if (ScoreQuestion.NameOf(request.Text) is not { } name)
        {
            return new AgentAnswer(Name, "Whose score should I explain? Ask, for example, “why is Jane Doe a B?”.", []);
        }

        var found = await finder.FindAsync(request.User, new LeadCriteria(name, null, null, OpenOnly: false, Limit: 6), ct);
        var exact = found.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var candidates = exact.Count == 1 ? exact : found;
        if (candidates.Count == 0)
        {
            return new AgentAnswer(Name, $"I can’t find a lead called “{name}” among the leads you can see.", []);
        }

        if (candidates.Count > 1)
        {
            var list = string.Join("", candidates.Take(5).Select(c => $"\n• {c.Name} ({c.Stage.Replace('_', ' ')})"));
            return new AgentAnswer(Name, $"Several of your leads match “{name}”:{list}\nWhich one? Ask with the full name.",
                [.. candidates.Take(5).Select(c => c.LeadId)]);
        }

        var lead = candidates[0];
        var score = (await scores.GetManyAsync(request.User.TenantId(), [lead.LeadId], ct)).SingleOrDefault();
        return new AgentAnswer(Name, score is null ? $"{lead.Name} has no score yet; scoring runs right after a lead arrives." : Explain(lead, score),
            [lead.LeadId]);
    }

    private static string Explain(FoundLead lead, LeadScoreView score)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{lead.Name} is {(score.Grade == "A" ? "an" : "a")} {score.Grade}: {score.Probability:P0} likely to transact");
        text.Append(score.Overridden ? " (the grade was set by hand, overriding the model)." : ".");
        AppendReasons(text, "What lifts the score:", score.Reasons.Where(r => r.Direction == "up"));
        AppendReasons(text, "What holds it back:", score.Reasons.Where(r => r.Direction != "up"));
        return text.ToString();
    }

    private static void AppendReasons(StringBuilder text, string heading, IEnumerable<LeadScoreReason> reasons)
    {
        var top = reasons.Take(3).ToList();
        if (top.Count == 0)
        {
            return;
        }

        text.Append('\n').Append(heading);
        foreach (var reason in top)
        {
            text.Append("\n• ").Append(reason.Text);
        }
    }
}
