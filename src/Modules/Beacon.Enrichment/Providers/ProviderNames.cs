namespace Beacon.Enrichment;

internal static class ProviderNames
{
    public const string Property = "property";
    public const string Person = "person";
    public const string Credit = "credit";

    public static readonly IReadOnlyList<string> All = [Property, Person, Credit];
}

/// <summary>The states a lead × provider step can be in (the <c>enrichment.runs.state</c> check).</summary>
internal static class RunStates
{
    public const string Pending = "pending";
    public const string Complete = "complete";
    public const string NoMatch = "no_match";
    public const string Failed = "failed";
    public const string SkippedNoConsent = "skipped_no_consent";
    public const string BudgetExhausted = "budget_exhausted";
}
