namespace Beacon.Realtime.Stream;

/// <summary>What a connection asked for: <c>all</c>, <c>leads</c>, <c>lead:&lt;id&gt;</c> or <c>dashboard</c>.</summary>
internal sealed class Topics
{
    private readonly HashSet<Guid> _leads = [];
    private bool _all = true;
    private bool _leadEvents;

    public static bool TryParse(IEnumerable<string> topics, out Topics parsed)
    {
        parsed = new Topics { _all = false };
        foreach (var topic in topics)
        {
            if (topic == "all")
            {
                parsed._all = true;
            }
            else if (topic is "leads" or "dashboard")
            {
                parsed._leadEvents = true;
            }
            else if (topic.StartsWith("lead:", StringComparison.Ordinal) && Guid.TryParse(topic.AsSpan(5), out var id))
            {
                parsed._leads.Add(id);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    public bool Wants(StreamRow row) =>
        _all
        || (_leadEvents && row.Type.StartsWith("lead.", StringComparison.Ordinal))
        || (row.LeadId is { } lead && _leads.Contains(lead));
}
