using System.Security.Claims;

namespace Beacon.Contracts.Leads;

/// <summary>
/// What to look for among the caller's visible leads. Every criterion is optional; <paramref name="NameContains"/>
/// matches first, last or full name, <paramref name="Area"/> an area, ZIP or the property's city, case-insensitively.
/// <paramref name="NotTouchedSince"/> keeps leads nobody called, texted, e-mailed or met since then.
/// </summary>
public sealed record LeadCriteria(string? NameContains, string? Area, DateTimeOffset? NotTouchedSince, bool OpenOnly, int Limit);

/// <summary>One lead a search found, with what a realtor needs to recognise it.</summary>
public sealed record FoundLead(Guid LeadId, string Name, string Stage, IReadOnlyList<string> Areas, string? City,
    DateTimeOffset? LastTouchAt, DateTimeOffset CreatedAt);

/// <summary>How many visible live leads are in one stage.</summary>
public sealed record StageTally(string Stage, long Count);

/// <summary>
/// Searches and counts leads for another module acting for a person (the assistant), by the Leads module's own
/// visibility rule — the one its list applies — so nothing the person could not open is ever found or counted.
/// </summary>
public interface ILeadFinder
{
    Task<IReadOnlyList<FoundLead>> FindAsync(ClaimsPrincipal caller, LeadCriteria criteria, CancellationToken ct);

    /// <summary>The caller's visible live leads per stage, in the pipeline's order.</summary>
    Task<IReadOnlyList<StageTally>> StageTallyAsync(ClaimsPrincipal caller, CancellationToken ct);
}
