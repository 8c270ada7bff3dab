using System.Text.Json;

namespace Beacon.Scoring;

/// <summary>JSON for what Scoring stores (pipelines, metrics, reasons): web defaults, NaN allowed as a literal.</summary>
internal static class ScoringJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
