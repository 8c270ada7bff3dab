using Beacon.Leads.Model;

namespace Beacon.Leads.Capture;

internal enum CaptureStatus
{
    Created,
    Merged,
    Ignored,
}

/// <summary>What a capture did: created a lead, merged into one, or ignored it (archived source).</summary>
internal sealed record CaptureOutcome(CaptureStatus Status, LeadRow? Lead);
