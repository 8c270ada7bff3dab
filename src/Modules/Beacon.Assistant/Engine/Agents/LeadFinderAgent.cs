using System.Globalization;
using System.Text;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.Assistant.Engine.Agents;

/// <summary>
/// "Hot leads in Austin not contacted this week": a search through <see cref="ILeadFinder"/> with the person's own
/// principal (agents find only their leads), ranked by grade and probability from <see cref="ILeadScores"/>.
/// </summary>
internal sealed class LeadFinderAgent(ILeadFinder finder, ILeadScores scores) : IAgent
{
    private const int Shown = 10;

    public string Name => AgentNames.LeadFinder;

    public async Task<AgentAnswer> AnswerAsync(AgentRequest request, CancellationToken ct)
    {
        var question = LeadQuestion.Parse(request.Text);
        var criteria = new LeadCriteria(question.Name, question.Area, request.Now - question.Untouched, OpenOnly: true, Limit: 200);
        var found = await finder.FindAsync(request.User, criteria, ct);
        var scored = (await scores.GetManyAsync(request.User.TenantId(), [.. found.Select(f => f.LeadId)], ct))
            .ToDictionary(s => s.LeadId);
        var ranked = found
            .Select(lead => (Lead: lead, Score: scored.GetValueOrDefault(lead.LeadId)))
            .Where(x => question.Grades.Count == 0 || (x.Score is not null && question.Grades.Contains(x.Score.Grade)))
            .OrderBy(x => x.Score?.Grade ?? "Z", StringComparer.Ordinal).ThenByDescending(x => x.Score?.Probability ?? 0)
            .ToList();
        var description = question.Describe();
        if (ranked.Count == 0)
        {
            return new AgentAnswer(Name, $"I found no {description} among the leads you can see.", []);
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{(ranked.Count == 1 ? "One" : ranked.Count.ToString(CultureInfo.InvariantCulture))} {description}");
        text.Append(ranked.Count > Shown ? $"; the top {Shown}:" : ":");
        foreach (var (lead, score) in ranked.Take(Shown))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n• {lead.Name} — {GradeOf(score)}, {lead.Stage.Replace('_', ' ')}, {TouchOf(lead, request.Now)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nAsk “why is {ranked[0].Lead.Name} {Article(ranked[0].Score)}?” to see what drives a score.");
        return new AgentAnswer(Name, text.ToString(), [.. ranked.Take(Shown).Select(x => x.Lead.LeadId)]);
    }

    private static string GradeOf(LeadScoreView? score) =>
        score is null ? "not scored yet" : string.Create(CultureInfo.InvariantCulture, $"{score.Grade} ({score.Probability:P0})");

    private static string Article(LeadScoreView? score) => score?.Grade is "A" ? "an A" : score is null ? "scored that way" : $"a {score.Grade}";

    private static string TouchOf(FoundLead lead, DateTimeOffset now) => lead.LastTouchAt is { } at
        ? $"last contacted {Math.Max(0, (int)(now - at).TotalDays)} days ago"
        : "never contacted";
}
