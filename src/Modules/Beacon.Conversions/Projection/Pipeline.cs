namespace Beacon.Conversions.Projection;

/// <summary>
/// The pipeline's order, which the funnel follows: reaching a stage counts as reaching every stage before it.
/// <c>lost</c> and <c>nurture</c> are exits, not steps, so they rank with <c>new</c> and move nothing.
/// </summary>
internal static class Pipeline
{
    public static readonly string[] Stages =
        ["new", "contacted", "qualified", "appointment", "showing", "listing", "offer", "under_contract", "closed"];

    public static readonly short Closed = Rank("closed");

    public static short Rank(string stage) => (short)Math.Max(0, Array.IndexOf(Stages, stage));

    public static bool IsStage(string stage) => Stages.Contains(stage);
}
