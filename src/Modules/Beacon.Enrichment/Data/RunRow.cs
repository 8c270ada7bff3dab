namespace Beacon.Enrichment.Data;

internal sealed record RunRow(
    Guid LeadId,
    string Provider,
    string State,
    string? Detail,
    string? InputKey,
    Guid Token,
    bool InFlight,
    int Attempts,
    DateTimeOffset? LeaseUntil,
    string? PollLocation,
    DateTimeOffset? NextAt,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt)
{
    public bool Terminal => State != RunStates.Pending;
}
