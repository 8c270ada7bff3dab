using System.Security.Claims;

namespace Beacon.Contracts.Leads;

/// <summary>One open lead assigned to a user, with the last time a person reached out to them.</summary>
/// <param name="LastTouchAt">The latest call, text, e-mail, meeting, showing or offer recorded by a person (an activity
/// with an actor); null when nobody has reached out yet. Automated messages (no actor) are not a touch.</param>
public sealed record RosterLead(Guid LeadId, string Name, string Stage, DateTimeOffset CreatedAt, DateTimeOffset? LastTouchAt);

/// <summary>
/// Sets of leads for other modules' figures, by the Leads module's own visibility rule (the one its list applies), so
/// a chart never counts a lead its viewer could not open. Implemented by Leads; tenant-bound, RLS applies.
/// </summary>
public interface ILeadRoster
{
    /// <summary>The caller's visible live leads, or null when the caller sees every lead of the brokerage (owners,
    /// admins, read-only users): the answer then needs no filter at all.</summary>
    Task<IReadOnlyList<Guid>?> VisibleLeadIdsAsync(ClaimsPrincipal caller, CancellationToken ct);

    /// <summary>The agents whose leads the caller sees (agents themselves; team leads themselves and their team's
    /// agents), or null when the caller sees every lead of the brokerage, unassigned ones included. For figures kept per
    /// agent: a handful of ids instead of every visible lead's.</summary>
    Task<IReadOnlyList<Guid>?> VisibleAgentIdsAsync(ClaimsPrincipal caller, CancellationToken ct);

    /// <summary>Those of <paramref name="leadIds"/> that are live, assigned to the caller and not closed or lost, with
    /// their last human touch.</summary>
    Task<IReadOnlyList<RosterLead>> AssignedOpenLeadsAmongAsync(ClaimsPrincipal caller, IReadOnlyCollection<Guid> leadIds,
        CancellationToken ct);
}
