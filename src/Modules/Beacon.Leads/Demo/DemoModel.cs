namespace Beacon.Leads.Demo;

/// <summary>
/// The demo brokerage's generative model (documented in docs/demo-data.md). Each lead's true probability of
/// closing is <c>sigmoid(Intercept + source + type + timeline + financing + contact + response + engagement)</c>;
/// the lead then converts with exactly that probability. Weights are log-odds.
/// </summary>
internal static class DemoModel
{
    public const double Intercept = -3.1;

    /// <summary>Source: share of leads and quality (log-odds). Referrals and past clients convert best, social ads worst.</summary>
    public static readonly (string Name, double Share, double Effect)[] Sources =
    [
        ("zillow", 0.28, -0.10), ("realtor.com", 0.14, -0.05), ("website", 0.18, 0.00), ("open_house", 0.08, 0.35),
        ("referral", 0.10, 1.20), ("facebook", 0.12, -0.80), ("past_client", 0.05, 1.50), ("google_ads", 0.05, -0.40),
    ];

    public static readonly (string Name, double Share, double Effect)[] Types =
        [("buyer", 0.55, 0.00), ("seller", 0.25, 0.30), ("investor", 0.10, -0.20), ("renter", 0.10, -1.00)];

    public static readonly (string Name, double Share, double Effect)[] Timelines =
    [
        ("asap", 0.12, 0.80), ("0_3_months", 0.22, 0.50), ("3_6_months", 0.25, 0.00), ("6_12_months", 0.18, -0.50),
        ("12_plus_months", 0.08, -1.00), ("unknown", 0.15, -0.30),
    ];

    /// <summary>Financing applies to buyers and investors; sellers and renters are "not_applicable" (effect 0).</summary>
    public static readonly (string Name, double Share, double Effect)[] Financing =
    [
        ("pre_approved", 0.25, 0.70), ("cash", 0.08, 0.90), ("pre_qualified", 0.15, 0.30), ("needs_lender", 0.22, -0.30),
        ("unknown", 0.30, -0.20),
    ];

    /// <summary>Leaving a phone number: +0.3. Probability a lead leaves one: 0.7.</summary>
    public const double PhoneEffect = 0.30;

    public const double PhoneShare = 0.70;

    /// <summary>Minutes to first contact ~ log-normal(median 12 min, σ 1.6); effect −0.35 per decade over 5 min.</summary>
    public const double ResponseMedianMinutes = 12;

    public const double ResponseSigma = 1.6;

    public const double ResponsePerDecade = -0.35;

    /// <summary>Web visits and property views ~ Poisson(λ), λ = 2 + 6·intent; each adds 0.12 up to 12 of them.</summary>
    public const double EngagementPerVisit = 0.12;

    public const int EngagementCap = 12;

    /// <summary>A latent intent (uniform 0–1) raises both engagement and the chance of a short timeline: a confounder
    /// the scoring engine sees only through behaviour.</summary>
    public const double IntentEffect = 0.60;

    public const double CommissionRate = 0.025;

    /// <summary>Sacramento prices of 2008 brought to today's level.</summary>
    public const double PriceIndex = 2.4;

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static (string Name, double Effect) Pick((string Name, double Share, double Effect)[] options, Random rng)
    {
        var u = rng.NextDouble() * options.Sum(o => o.Share);
        foreach (var o in options)
        {
            u -= o.Share;
            if (u <= 0)
            {
                return (o.Name, o.Effect);
            }
        }

        return (options[^1].Name, options[^1].Effect);
    }

    public static int Poisson(double lambda, Random rng)
    {
        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= rng.NextDouble();
        }
        while (p > l);
        return k - 1;
    }

    public static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
