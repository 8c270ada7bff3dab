using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacon.SharedKernel.Messaging;

/// <summary>The one JSON shape of messages at rest (outbox, jobs) and on the wire (live stream): camelCase.</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
