using System.Text.Json;
using Beacon.Realtime.Socket;

namespace Beacon.Realtime.Stream;

/// <summary>One entry of a tenant's stream, with what visibility needs.</summary>
internal sealed record StreamRow(long Cursor, string Type, DateTimeOffset OccurredAt, JsonElement Data, Guid? LeadId,
    Guid? OwnerId, Guid? OwnerTeam)
{
    private byte[]? _eventFrame;

    /// <summary>The row as a socket frame, encoded once per node however many connections send it.</summary>
    public ReadOnlyMemory<byte> EventFrame => _eventFrame ??= Frames.Event(this);
}
