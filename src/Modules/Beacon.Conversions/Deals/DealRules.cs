using System.Text.RegularExpressions;

namespace Beacon.Conversions.Deals;

/// <summary>The checks a deal's values pass before anything is written; each failure names its field.</summary>
internal static partial class DealRules
{
    /// <summary>A price above $100 billion is a typo, not a house.</summary>
    public const long MaxCents = 10_000_000_000_000;

    public static void Check(string? stage, long? price, long? commission, string? currency, DateOnly? closeDate,
        Dictionary<string, string[]> errors)
    {
        if (stage is not null && !DealStages.All.Contains(stage))
        {
            errors["stage"] = [$"One of {string.Join(", ", DealStages.All)}."];
        }

        if (price is < 0 or > MaxCents)
        {
            errors["priceCents"] = [$"Whole cents from 0 to {MaxCents}."];
        }

        if (commission is < 0 or > MaxCents)
        {
            errors["commissionCents"] = [$"Whole cents from 0 to {MaxCents}."];
        }
        else if (commission is { } c && price is { } p && c > p)
        {
            errors["commissionCents"] = ["The commission cannot exceed the price."];
        }

        if (currency is not null && !CurrencyCode().IsMatch(currency))
        {
            errors["currency"] = ["An ISO 4217 code of three capital letters, for example USD."];
        }

        if (closeDate is { Year: < 1990 or > 2100 })
        {
            errors["closeDate"] = ["A date between 1990 and 2100."];
        }
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
