using Beacon.Scoring.Features;

namespace Beacon.Scoring.Rules;

/// <summary>One scorecard line: which feature it speaks of and its points (log-odds).</summary>
internal readonly record struct ScorecardLine(string Feature, double Points);

/// <summary>
/// The transparent fallback: a sum of configured points over the lead's facts, turned into a probability with the
/// logistic function. Used with no published model, too little history, a model error or timeout.
/// </summary>
internal sealed class Scorecard(ScorecardOptions options)
{
    public (double Probability, List<ScorecardLine> Lines) Score(LeadFacts f)
    {
        var lines = new List<ScorecardLine>(10);
        Add(lines, "source", $"source.{f.Source}");
        Add(lines, "type", $"type.{f.Type}");
        Add(lines, "timeline", $"timeline.{f.Timeline ?? "unknown"}");
        if (f.Financing is { } fin)
        {
            Add(lines, "financing", $"financing.{fin}");
        }

        if (f.HasPhone)
        {
            Add(lines, "has_phone", "phone");
        }

        if (f.MinutesToFirstContact is { } m)
        {
            Add(lines, "minutes_to_first_contact", m <= 10 ? "contact.fast" : m > 60 ? "contact.slow" : "");
        }
        else if (f.MinutesWaiting > 60)
        {
            Add(lines, "minutes_waiting", "waiting.long");
        }

        Add(lines, "engagement", "engagement.each", Math.Min(f.Engagement, 12));
        Add(lines, "meetings", "meeting.each", Math.Min(f.Meetings, 3));
        var logit = options.Intercept + lines.Sum(l => l.Points);
        return (1 / (1 + Math.Exp(-logit)), lines);
    }

    private void Add(List<ScorecardLine> lines, string feature, string key, double times = 1)
    {
        if (times > 0 && options.Points.TryGetValue(key, out var points) && points != 0)
        {
            lines.Add(new ScorecardLine(feature, points * times));
        }
    }
}
