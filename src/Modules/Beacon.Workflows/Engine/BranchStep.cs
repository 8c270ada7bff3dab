using System.Globalization;
using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Evaluates a branch's condition on the lead as it is now and says, for the history, what it found and where it goes:
/// "step 2: score 64 ≥ 60 → step 3". A fact that is not known (no score yet) does not meet the condition.
/// </summary>
internal sealed class BranchStep(ILeadSnapshots leads, ILeadScores scores, IServiceProvider services)
{
    /// <summary>Timeline entries Beacon writes itself; anything else (a call, a reply, a visit) is activity.</summary>
    private static readonly string[] Bookkeeping = ["created", "import", "merge", "stage_change", "assignment"];

    public async Task<StepOutcome> RunAsync(Guid tenant, WorkflowStep step, int index, int steps, LeadSnapshot lead, string label,
        DateTimeOffset now, CancellationToken ct)
    {
        var (met, fact) = await EvaluateAsync(tenant, step, lead, now, ct);
        var next = (met ? step.ThenStep : step.ElseStep) ?? index + 1;
        var where = next >= steps ? "end" : $"step {next + 1}";
        return new StepOutcome("done", $"{label}: {fact}{(met ? "" : ", not met")} → {where}", now, next);
    }

    private async Task<(bool Met, string Fact)> EvaluateAsync(Guid tenant, WorkflowStep step, LeadSnapshot lead, DateTimeOffset now,
        CancellationToken ct)
    {
        var value = step.Value?.Trim() ?? "";
        switch (step.Field)
        {
            case "score" or "grade":
                if (await scores.GetManyAsync(tenant, [lead.LeadId], ct) is not [var score, ..])
                {
                    return (false, $"the lead has no {step.Field} yet");
                }

                if (step.Field == "grade")
                {
                    return Text("grade", score.Grade, value, step.Operator == "is");
                }

                var points = (int)Math.Round(score.Probability * 100);
                var threshold = int.Parse(value, CultureInfo.InvariantCulture);
                var high = points >= threshold;
                return (high == (step.Operator == "gte"), $"score {points} {(high ? "≥" : "<")} {threshold}");
            case "enriched":
                var facts = services.GetService<IEnrichmentFacts>() is { } enrichment
                    ? await enrichment.GetAsync(tenant, lead.LeadId, ct)
                    : null;
                var enriched = facts is { Fields.Count: > 0 };
                return (enriched == (step.Operator == "yes"), enriched ? "the lead is enriched" : "the lead is not enriched");
            case "activity":
                var days = int.Parse(value, CultureInfo.InvariantCulture);
                var recent = (await leads.GetAsync(tenant, lead.LeadId, 50, ct))?.Activities
                    .FirstOrDefault(a => !Bookkeeping.Contains(a.Type) && a.OccurredAt >= now.AddDays(-days));
                var fact = recent is null
                    ? $"no activity in the last {days} days"
                    : $"activity in the last {days} days ({recent.Type.Replace('_', ' ')} on {recent.OccurredAt:yyyy-MM-dd})";
                return ((recent is not null) == (step.Operator == "within_days"), fact);
            case "tag":
                var has = lead.Tags.Contains(value, StringComparer.OrdinalIgnoreCase);
                return (has == (step.Operator == "present"), $"tag “{value}” {(has ? "present" : "absent")}");
            default:
                var actual = step.Field switch
                {
                    "stage" => lead.Stage,
                    "type" => lead.Type,
                    "source" => lead.Source,
                    "city" => lead.PropertyAddress?.City,
                    _ => lead.PropertyAddress?.State,
                };
                return Text(step.Field!, actual, value, step.Operator == "is");
        }
    }

    private static (bool Met, string Fact) Text(string field, string? actual, string expected, bool wantEqual)
    {
        if (string.IsNullOrWhiteSpace(actual))
        {
            return (!wantEqual, $"{field} unknown");
        }

        var equal = string.Equals(actual.Trim(), expected, StringComparison.OrdinalIgnoreCase);
        return (equal == wantEqual, $"{field} {actual} {(equal ? "=" : "≠")} {expected}");
    }
}
