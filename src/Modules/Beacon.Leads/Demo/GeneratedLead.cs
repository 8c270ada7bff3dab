using Beacon.Leads.Activities;
using Beacon.Leads.Model;

namespace Beacon.Leads.Demo;

/// <summary>One generated lead: its row, timeline and the ground truth (true probability and outcome).</summary>
internal sealed record GeneratedLead(
    LeadRow Lead,
    IReadOnlyList<NewActivity> Activities,
    double Probability,
    bool Converted,
    decimal? ClosedPrice,
    decimal? Commission);
