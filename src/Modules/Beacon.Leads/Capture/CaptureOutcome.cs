using Beacon.Leads.Model;

namespace Beacon.Leads.Capture;

internal enum CaptureStatus
{
    Created,
    Merged,
    Ignored,
}

/// <summary>
/// What a capture did: created a lead, merged into one, or ignored it (archived source). <paramref name="Withheld"/>:
/// the capture merged into a lead the caller may not view, so the answer names the lead and the merge, nothing more.
/// </summary>
internal sealed record CaptureOutcome(CaptureStatus Status, LeadRow? Lead, bool Withheld = false);

/// <summary>The answer to a merge into a lead the caller may not view: which lead, and that it was a merge.</summary>
internal sealed record CaptureReceipt(Guid Id, string Status)
{
    public const string Merged = "merged";
}
