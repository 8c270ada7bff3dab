namespace Beacon.Leads.Activities;

/// <summary>One timeline entry to write; <see cref="Data"/> is JSON object text.</summary>
internal sealed record NewActivity(Guid LeadId, string Type, DateTimeOffset OccurredAt, Guid? ActorId, string? Body, string Data = "{}")
{
    public Guid Id { get; } = Guid.CreateVersion7();
}
