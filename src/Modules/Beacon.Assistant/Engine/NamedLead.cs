using System.Security.Claims;
using Beacon.Contracts.Leads;

namespace Beacon.Assistant.Engine;

/// <summary>The one lead a person named, among the leads they may see, for agents that act on one lead.</summary>
internal static class NamedLead
{
    /// <summary>
    /// The lead called <paramref name="name"/> (an exact full-name match wins over partial ones), or, when none or
    /// several match, the answer <paramref name="agent"/> gives instead (several: up to five to choose from).
    /// </summary>
    public static async Task<(FoundLead? Lead, AgentAnswer? Instead)> FindAsync(ILeadFinder finder, ClaimsPrincipal user, string name,
        string agent, CancellationToken ct)
    {
        var found = await finder.FindAsync(user, new LeadCriteria(name, null, null, OpenOnly: false, Limit: 6), ct);
        var exact = found.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        var candidates = exact.Count == 1 ? exact : found;
        if (candidates.Count == 0)
        {
            return (null, new AgentAnswer(agent, $"I can’t find a lead called “{name}” among the leads you can see.", []));
        }

        if (candidates.Count > 1)
        {
            var list = string.Join("", candidates.Take(5).Select(c => $"\n• {c.Name} ({c.Stage.Replace('_', ' ')})"));
            return (null, new AgentAnswer(agent, $"Several of your leads match “{name}”:{list}\nWhich one? Ask again with the full name.",
                [.. candidates.Take(5).Select(c => c.LeadId)]));
        }

        return (candidates[0], null);
    }
}
