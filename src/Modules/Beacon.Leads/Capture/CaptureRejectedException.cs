namespace Beacon.Leads.Capture;

/// <summary>A capture that passed the edge but names something that does not exist (answered as a 400 on that field).</summary>
internal sealed class CaptureRejectedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
