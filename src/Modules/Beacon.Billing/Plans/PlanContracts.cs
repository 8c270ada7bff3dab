using System.ComponentModel.DataAnnotations;
using Beacon.Billing.Rating;

namespace Beacon.Billing.Plans;

internal sealed record BillingPlan(string Code, string Name, long MonthlyPriceCents, string Currency, int TrialDays,
    IReadOnlyList<PlanMeter> Meters);

/// <summary>
/// The brokerage's subscription. <paramref name="Standing"/> is <c>good</c> or <c>restricted</c> (payments restricted
/// the plan after failed collection; nothing is deleted), with the invoice that caused it.
/// </summary>
internal sealed record BillingSubscription(BillingPlan Plan, DateTimeOffset? TrialEndsAt, bool InTrial, int TaxRateBasisPoints,
    string Standing, string? StandingReason, Guid? StandingInvoiceId, DateTimeOffset? StandingChangedAt, DateTimeOffset Since);

internal sealed record ChangePlanRequest([property: Required, StringLength(40, MinimumLength = 1)] string PlanCode);

/// <summary>Tax in basis points of the subtotal (825 = 8.25 %), applied to invoices rated from now on.</summary>
internal sealed record TaxRateRequest([property: Range(0, 10_000)] int TaxRateBasisPoints);

/// <summary>
/// What the current month's plan charges come to if nothing changes and if the plan changes now (usage excluded:
/// it is rated on the plan in force at the month's end either way).
/// </summary>
internal sealed record ProrationPreview(string CurrentPlan, string NewPlan, DateTimeOffset EffectiveAt, long WithoutChangeCents,
    long WithChangeCents, long DifferenceCents, IReadOnlyList<RatedLine> Lines);
