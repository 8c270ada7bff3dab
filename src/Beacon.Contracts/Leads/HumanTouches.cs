namespace Beacon.Contracts.Leads;

/// <summary>
/// A person reaching out to a lead: what the scoring features count as contact, recorded by someone (an actor), never an
/// automated message. Leads answers "last touch" with it and Scoring keeps "waiting since" with it: one definition.
/// </summary>
public static class HumanTouches
{
    public static IReadOnlyList<string> Types { get; } = ["call", "text", "email", "meeting", "showing", "offer"];

    public static bool Is(LeadActivitySnapshot activity) => activity.ActorId is not null && Types.Contains(activity.Type);
}
