namespace Beacon.Scoring.Registry;

/// <summary>A registry row without the model bytes (what the API lists).</summary>
internal sealed class ModelRecord
{
    public int Version { get; init; }

    public string Status { get; init; } = "";

    public string Method { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? TrainedBy { get; init; }

    public string Reason { get; init; } = "";

    public DateTimeOffset? DataFrom { get; init; }

    public DateTimeOffset? DataTo { get; init; }

    public int TrainRows { get; init; }

    public int HoldoutRows { get; init; }

    public int Positives { get; init; }

    public int Negatives { get; init; }

    public bool GatePassed { get; init; }

    public string GateReason { get; init; } = "";

    public string Metrics { get; init; } = "{}";

    public string Calibration { get; init; } = "[]";

    public string PromotionRule { get; init; } = "{}";

    public string FeatureVersion { get; init; } = "";

    public string Features { get; init; } = "[]";
}
