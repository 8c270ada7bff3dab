namespace Beacon.Workflows.Engine;

/// <summary>
/// What a step did, for its history line, and where the enrollment goes: <see cref="NextStep"/> (0-based; the step
/// after this one when null, as every step but a branch) at <see cref="NextAt"/>.
/// </summary>
internal sealed record StepOutcome(string Status, string Reason, DateTimeOffset NextAt, int? NextStep = null)
{
    public static implicit operator StepOutcome((string Status, string Reason, DateTimeOffset NextAt) done) =>
        new(done.Status, done.Reason, done.NextAt);
}
