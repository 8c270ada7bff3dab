namespace Beacon.Leads.Model;

/// <summary>The closed lists a lead's fields draw from (wire names are snake_case).</summary>
internal static class LeadVocabulary
{
    public static readonly string[] Types = ["buyer", "seller", "renter", "investor"];

    public static readonly string[] Stages =
    [
        "new", "contacted", "qualified", "appointment", "showing", "listing", "offer", "under_contract", "closed",
        "lost", "nurture",
    ];

    public static readonly string[] Financing = ["unknown", "pre_approved", "pre_qualified", "cash", "needs_lender", "not_applicable"];

    public static readonly string[] Timelines = ["asap", "0_3_months", "3_6_months", "6_12_months", "12_plus_months", "unknown"];

    public static readonly string[] ActivityTypes =
    [
        "note", "call", "email", "text", "web_visit", "property_view", "stage_change", "assignment", "merge", "created",
        "import", "meeting", "showing", "offer", "closed",
    ];

    /// <summary>Types a user may post to the timeline; the others are written by Beacon itself.</summary>
    public static readonly string[] UserActivityTypes =
        ["note", "call", "email", "text", "web_visit", "property_view", "meeting", "showing", "offer"];

    public static readonly string[] ConsentChannels = ["email", "sms", "call"];
}
