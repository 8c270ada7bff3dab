using System.Globalization;
using Beacon.Sandbox.Infrastructure;

namespace Beacon.Sandbox.Credit;

/// <summary>
/// Deterministic soft-pull outcome from the subject (first name, last name, zip, dob or SSN last 4, case-folded);
/// consent fields do not change the outcome. About 4 % are "no_hit" (thin file: hash mod 25 == 0). Bands follow
/// roughly the US VantageScore spread: 16 % below 580, 17 % 580-669, 22 % 670-739, 25 % 740-799, 20 % 800+.
/// Tradeline figures are drawn to fit the band (low bands: high utilisation, late payments, derogatory marks).
/// </summary>
internal static class CreditBureau
{
    private static readonly (double Upto, string Band, int Tier)[] Bands =
    [
        (0.16, "300-579", 0), (0.33, "580-669", 1), (0.55, "670-739", 2), (0.80, "740-799", 3), (1.01, "800-850", 4),
    ];

    public static string SubjectKey(PrequalifyRequest r) =>
        string.Join('|', Fold(r.FirstName), Fold(r.LastName), r.Address!.Zip![..5], r.Dob ?? "", r.SsnLast4 ?? "");

    public static PrequalifyResponse Decide(PrequalifyRequest request, DateTimeOffset now)
    {
        var key = SubjectKey(request);
        var decisionId = "pq_" + StableHash.Hex("decision|" + key, 24);
        var generatedAt = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var notice = request.Consent!.NoticeVersion!;
        if (StableHash.Of(key, "hit") % 25 == 0)
        {
            return new PrequalifyResponse(decisionId, "no_hit", "soft", "VantageScore 4.0", null, false, null, notice, generatedAt);
        }

        var draw = StableHash.Unit(key, "band");
        var (_, band, tier) = Bands.First(b => draw < b.Upto);
        return new PrequalifyResponse(
            decisionId, "completed", "soft", "VantageScore 4.0", band, Prequalified: tier >= 2,
            Tradelines(key, tier), notice, generatedAt);
    }

    private static Tradelines Tradelines(string key, int tier)
    {
        int Draw(string salt, int min, int max) => min + (int)(StableHash.Of(key, salt) % (ulong)(max - min + 1));

        var total = Draw("total", 3 + tier, 12 + (tier * 4));
        var mortgage = tier >= 2 ? Draw("mortgage", 0, 1) : 0;
        var installment = Math.Min(total - mortgage, Draw("installment", 1, 4));
        var revolving = total - mortgage - installment;
        var open = Math.Max(1, total - Draw("closed", 0, total / 2));
        var utilization = tier switch { 0 => Draw("util", 70, 98), 1 => Draw("util", 45, 80), 2 => Draw("util", 25, 50), 3 => Draw("util", 10, 30), _ => Draw("util", 1, 12) };
        var balance = (long)Draw("balance", 2, 40) * 1000 + (mortgage * (long)Draw("mortbal", 150, 520) * 1000);
        return new Tradelines(
            total, open, revolving, installment, mortgage, utilization, balance,
            MonthlyPayment: balance / 120,
            Delinquencies30d: tier <= 1 ? Draw("late", 1, 5 - tier) : 0,
            Derogatory: tier == 0 ? Draw("derog", 1, 3) : 0,
            OldestTradelineMonths: Draw("age", 12 + (tier * 24), 60 + (tier * 60)),
            InquiriesLast12m: Draw("inq", 0, 6 - tier));
    }

    private static string Fold(string? value) => (value ?? "").Trim().ToLowerInvariant();
}
