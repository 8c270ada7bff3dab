using Beacon.Contracts.Leads;

namespace Beacon.Scoring.Insights;

/// <summary>
/// How long a lead has waited for a person, as its score row keeps it for the hot-leads list.
/// </summary>
/// <param name="LastTouch">The last human touch; null when there is none (or none among the activities read).</param>
/// <param name="Since">The last human touch, else the capture: the list's order.</param>
internal readonly record struct WaitingSince(DateTimeOffset? LastTouch, DateTimeOffset Since)
{
    /// <summary>
    /// From the snapshot's activities. A snapshot cut at <paramref name="maxActivities"/> with no touch in it waits
    /// since its oldest activity read: the touch, if any, came before, so the lead sorts among the longest waiting, and
    /// the list shows Leads' exact figure.
    /// </summary>
    public static WaitingSince Of(LeadSnapshot lead, int maxActivities)
    {
        var touches = lead.Activities.Where(HumanTouches.Is).Select(a => a.OccurredAt).ToList();
        if (touches.Count > 0)
        {
            var last = touches.Max();
            return new WaitingSince(last, last);
        }

        return new WaitingSince(null, lead.Activities.Count >= maxActivities && lead.Activities.Count > 0
            ? lead.Activities.Min(a => a.OccurredAt)
            : lead.CreatedAt);
    }
}
