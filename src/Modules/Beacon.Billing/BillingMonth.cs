using System.Globalization;

namespace Beacon.Billing;

/// <summary>A calendar month in UTC, the unit usage is counted and invoiced in.</summary>
internal readonly record struct BillingMonth(int Year, int Month)
{
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The first day as <c>yyyy-MM-dd</c>, the parameter a <c>@month::date</c> in SQL takes.</summary>
    public string Sql => FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset End => Start.AddMonths(1);

    public BillingMonth Previous => Of(Start.AddDays(-1));

    public BillingMonth Next => Of(End);

    public static BillingMonth Of(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new BillingMonth(utc.Year, utc.Month);
    }

    public static BillingMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>Reads <c>YYYY-MM</c>; anything else is null.</summary>
    public static BillingMonth? TryParse(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? Of(day)
            : null;

    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
