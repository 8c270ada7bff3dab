using System.Text.Json;

namespace Beacon.Realtime.Stream;

/// <summary>One entry of a tenant's stream, with what visibility needs.</summary>
internal sealed record StreamRow(long Cursor, string Type, DateTimeOffset OccurredAt, JsonElement Data, Guid? LeadId,
    Guid? OwnerId, Guid? OwnerTeam);
