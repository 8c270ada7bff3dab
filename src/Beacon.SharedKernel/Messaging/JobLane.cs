namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// Which workers run a job. <see cref="Interactive"/> is what a person waits for (a capture's score); <see cref="Bulk"/>
/// is the work of a whole batch (an import's chunks). Each lane has loops of its own, so a bulk backlog never delays
/// an interactive job; work caused by a bulk job stays in the bulk lane (ADR 0008).
/// </summary>
public enum JobLane
{
    Interactive,
    Bulk,
}

internal static class JobLanes
{
    public static string Name(JobLane lane) => lane == JobLane.Bulk ? "bulk" : "interactive";

    public static JobLane Parse(string name) => name == "bulk" ? JobLane.Bulk : JobLane.Interactive;
}
