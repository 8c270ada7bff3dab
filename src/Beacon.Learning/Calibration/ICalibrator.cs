namespace Beacon.Learning.Calibration;

/// <summary>Maps a model's raw log-odds to a calibrated probability. Fitted on held-out predictions only.</summary>
public interface ICalibrator
{
    double Calibrate(double rawScore);
}

/// <summary>Leaves the model's own probability (sigmoid of the log-odds).</summary>
public sealed class IdentityCalibrator : ICalibrator
{
    public static IdentityCalibrator Instance { get; } = new();

    public double Calibrate(double rawScore) => Boosting.Sigmoid.Of(rawScore);
}
