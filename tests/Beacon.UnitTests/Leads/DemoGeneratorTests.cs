using Beacon.Leads.Demo;
using Beacon.Leads.Model;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Leads;

public sealed class DemoGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Agent = Guid.Parse("0195d000-0000-7000-8000-000000000004");

    [Fact]
    public void The_same_seed_gives_the_same_history_and_another_seed_another()
    {
        var a = new DemoGenerator(7, Now, [(Agent, 1)]).Generate(500).ToList();
        var b = new DemoGenerator(7, Now, [(Agent, 1)]).Generate(500).ToList();
        var c = new DemoGenerator(8, Now, [(Agent, 1)]).Generate(500).ToList();

        a.Select(x => (x.Lead.Id, x.Lead.Emails[0], x.Probability, x.Converted, x.Lead.Stage, x.Lead.CreatedAt))
            .ShouldBe(b.Select(x => (x.Lead.Id, x.Lead.Emails[0], x.Probability, x.Converted, x.Lead.Stage, x.Lead.CreatedAt)));
        c.Select(x => x.Lead.Id).ShouldNotBe(a.Select(x => x.Lead.Id));
    }

    [Fact]
    public void Ten_thousand_leads_span_24_months_and_convert_as_their_true_probabilities_say()
    {
        var leads = new DemoGenerator(42, Now, [(Agent, 1)]).Generate(12_000).ToList();

        leads.Min(l => l.Lead.CreatedAt).ShouldBeGreaterThan(Now.AddDays(-731));
        leads.Max(l => l.Lead.CreatedAt).ShouldBeLessThan(Now);
        var expected = leads.Sum(l => l.Probability);
        var observed = leads.Count(l => l.Converted);
        Math.Abs(observed - expected).ShouldBeLessThan(4 * Math.Sqrt(leads.Sum(l => l.Probability * (1 - l.Probability))));
        (observed / 12_000.0).ShouldBeInRange(0.04, 0.20);
        leads.Select(l => l.Lead.Emails[0]).Distinct().Count().ShouldBe(12_000);
        leads.Where(l => l.Lead.Stage == "closed").ShouldAllBe(l => l.Converted && l.ClosedPrice > 0 && l.Commission > 0);
        leads.Count(l => l.Lead.Stage == "lost").ShouldBeGreaterThan(1000);
        var referral = leads.Where(l => l.Lead.Source == "referral").Average(l => l.Probability);
        var facebook = leads.Where(l => l.Lead.Source == "facebook").Average(l => l.Probability);
        referral.ShouldBeGreaterThan(facebook * 2, "sources differ in quality");
    }

    [Fact]
    public void Seller_addresses_are_real_Sacramento_sales()
    {
        var known = SacramentoAddresses.List.Select(a => (a.Street, a.Zip)).ToHashSet();
        var sellers = new DemoGenerator(1, Now, [(Agent, 1)]).Generate(2_000).Where(l => l.Lead.Type == "seller").ToList();

        known.Count.ShouldBeGreaterThan(900);
        sellers.ShouldNotBeEmpty();
        foreach (var s in sellers)
        {
            known.ShouldContain((s.Lead.PropertyStreet!, s.Lead.PropertyZip!));
            s.Lead.PropertyState.ShouldBe("CA");
        }
    }

    [Fact]
    public void Every_generated_phone_and_email_passes_the_capture_normalisers()
    {
        foreach (var l in new DemoGenerator(3, Now, [(Agent, 1)]).Generate(3_000))
        {
            EmailAddresses.TryNormalize(l.Lead.Emails[0], out var e).ShouldBeTrue(l.Lead.Emails[0]);
            e.ShouldBe(l.Lead.Emails[0]);
            foreach (var p in l.Lead.Phones)
            {
                PhoneNumbers.TryNormalize(p, out var n).ShouldBeTrue(p);
                n.ShouldBe(p);
            }
        }
    }
}
