using System.Globalization;
using System.Text.Json;
using Beacon.Leads.Activities;
using Beacon.Leads.Model;

namespace Beacon.Leads.Demo;

/// <summary>
/// Generates a brokerage's last 24 months of leads from <see cref="DemoModel"/>: same seed and same
/// <c>now</c>, same leads, ids included. Each lead's outcome is drawn from its known true probability.
/// </summary>
internal sealed class DemoGenerator(int seed, DateTimeOffset now, IReadOnlyList<(Guid Id, double Weight)> agents)
{
    public const int HistoryDays = 730;

    private static readonly string[] Steps = ["contacted", "qualified", "appointment", "showing", "offer", "under_contract", "closed"];

    public IEnumerable<GeneratedLead> Generate(int count)
    {
        var rng = new Random(seed);
        var addresses = SacramentoAddresses.List;
        var zips = addresses.Select(a => a.Zip).Distinct().Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < count; i++)
        {
            yield return One(i, rng, addresses, zips);
        }
    }

    private GeneratedLead One(int i, Random rng, IReadOnlyList<SacramentoAddress> addresses, string[] zips)
    {
        // More leads lately (the brokerage grew): age density falls with age.
        var created = now.AddMinutes(-Math.Pow(rng.NextDouble(), 1.3) * HistoryDays * 24 * 60 - 30);
        var intent = rng.NextDouble();
        var source = DemoModel.Pick(DemoModel.Sources, rng);
        var type = DemoModel.Pick(DemoModel.Types, rng);
        var timeline = rng.NextDouble() < intent * 0.3 ? ("asap", 0.8) : DemoModel.Pick(DemoModel.Timelines, rng);
        var financing = type.Name is "buyer" or "investor" ? DemoModel.Pick(DemoModel.Financing, rng) : ("not_applicable", 0.0);
        var hasPhone = rng.NextDouble() < DemoModel.PhoneShare;
        var responseMinutes = Math.Exp(Math.Log(DemoModel.ResponseMedianMinutes) + DemoModel.ResponseSigma * DemoModel.Normal(rng));
        var visits = DemoModel.Poisson(2 + 6 * intent, rng);
        var logit = DemoModel.Intercept + source.Effect + type.Effect + timeline.Item2 + financing.Item2
            + (hasPhone ? DemoModel.PhoneEffect : 0)
            + DemoModel.ResponsePerDecade * Math.Log10(Math.Max(responseMinutes, 5) / 5)
            + DemoModel.EngagementPerVisit * Math.Min(visits, DemoModel.EngagementCap)
            + DemoModel.IntentEffect * (intent - 0.5);
        var p = DemoModel.Sigmoid(logit);
        var converted = rng.NextDouble() < p;

        var first = NameLists.First[rng.Next(NameLists.First.Length)];
        var last = NameLists.Last[rng.Next(NameLists.Last.Length)];
        var home = addresses[rng.Next(addresses.Count)];
        var price = Math.Round(home.Price * (decimal)DemoModel.PriceIndex / 1000) * 1000;
        var id = new Guid(IdBytes(rng));
        var agent = PickAgent(rng);
        var lead = new LeadRow
        {
            Id = id,
            FirstName = first,
            LastName = last,
            Emails = [$"{first}.{last}{i.ToString(CultureInfo.InvariantCulture)}@{NameLists.EmailDomains[rng.Next(NameLists.EmailDomains.Length)]}".ToLowerInvariant()],
            Phones = hasPhone ? [Phone(i)] : [],
            Source = source.Name,
            Type = type.Name,
            Timeline = timeline.Item1,
            Financing = financing.Item1,
            PriceMin = type.Name == "seller" ? null : price * 0.85m,
            PriceMax = type.Name == "seller" ? null : price * 1.15m,
            ZipCodes = type.Name == "seller" ? [] : [home.Zip, zips[rng.Next(zips.Length)]],
            PropertyStreet = type.Name == "seller" ? home.Street : null,
            PropertyCity = type.Name == "seller" ? home.City : null,
            PropertyState = type.Name == "seller" ? home.State : null,
            PropertyZip = type.Name == "seller" ? home.Zip : null,
            AssignedTo = agent,
            Tags = ["demo"],
            TimeZone = "America/Los_Angeles",
            TimeZoneSource = "zip",
            Consents = rng.NextDouble() < 0.8
                ? JsonSerializer.Serialize(new { email = new { granted = true, source = source.Name, at = created } }, JsonSerializerOptions.Web)
                : "{}",
            CreatedAt = created,
            Version = 1,
        };

        var activities = new List<NewActivity>
        {
            new(id, "created", created, null, $"Captured from {source.Name}.", $$"""{"source":"{{source.Name}}"}"""),
            new(id, "assignment", created, null, "Round robin (demo history).", "{}"),
        };
        var firstContact = created.AddMinutes(responseMinutes);
        if (firstContact < now)
        {
            activities.Add(new NewActivity(id, "call", firstContact, agent, "First call.", $$"""{"minutesToContact":{{Math.Round(responseMinutes, 1).ToString(CultureInfo.InvariantCulture)}}}"""));
        }

        for (var v = 0; v < visits; v++)
        {
            var at = created.AddHours(rng.NextDouble() * 24 * 60);
            var viewed = addresses[rng.Next(addresses.Count)];
            if (at < now)
            {
                activities.Add(v % 2 == 0
                    ? new NewActivity(id, "web_visit", at, null, "Visited the website.", "{}")
                    : new NewActivity(id, "property_view", at, null, $"Viewed {viewed.Street}, {viewed.City}.", $$"""{"zip":"{{viewed.Zip}}"}"""));
            }
        }

        var (stage, closedPrice) = Progress(rng, id, agent, created, converted, type.Name == "seller" ? price : price * (0.9m + (decimal)rng.NextDouble() * 0.2m), activities);
        lead.Stage = stage;
        lead.LastActivityAt = activities.Max(a => a.OccurredAt);
        lead.UpdatedAt = lead.LastActivityAt;
        if (closedPrice is { } cp)
        {
            lead.CustomFields = JsonSerializer.Serialize(new { closedPrice = cp, commission = cp * (decimal)DemoModel.CommissionRate });
        }

        return new GeneratedLead(lead, activities, p, converted, closedPrice, closedPrice * (decimal)DemoModel.CommissionRate);
    }

    private (string Stage, decimal? ClosedPrice) Progress(Random rng, Guid id, Guid? agent, DateTimeOffset created, bool converted,
        decimal dealPrice, List<NewActivity> activities)
    {
        var horizon = converted ? 30 + (-Math.Log(1 - rng.NextDouble()) * 60) : 14 + (-Math.Log(1 - rng.NextDouble()) * 45);
        var elapsed = (now - created).TotalDays;
        var reached = converted ? Steps.Length : 1 + (int)(rng.NextDouble() * 3);
        var done = Math.Min(reached, (int)Math.Floor(Steps.Length * Math.Min(1, elapsed / horizon)));
        var stage = "new";
        for (var s = 0; s < done; s++)
        {
            var at = created.AddDays(horizon * (s + 1) / Steps.Length);
            activities.Add(new NewActivity(id, "stage_change", at, agent, $"Stage {stage} → {Steps[s]}.",
                $$"""{"from":"{{stage}}","to":"{{Steps[s]}}"}"""));
            stage = Steps[s];
        }

        if (stage == "closed")
        {
            activities.Add(new NewActivity(id, "closed", activities[^1].OccurredAt, agent, $"Closed at {dealPrice:0}.",
                $$"""{"price":{{dealPrice.ToString("0", CultureInfo.InvariantCulture)}}}"""));
            return ("closed", dealPrice);
        }

        if (!converted && elapsed > horizon)
        {
            var final = rng.NextDouble() < 0.7 ? "lost" : "nurture";
            activities.Add(new NewActivity(id, "stage_change", created.AddDays(horizon), agent, $"Stage {stage} → {final}.",
                $$"""{"from":"{{stage}}","to":"{{final}}"}"""));
            return (final, null);
        }

        return (stage, null);
    }

    private Guid? PickAgent(Random rng)
    {
        var u = rng.NextDouble() * agents.Sum(a => a.Weight);
        foreach (var (id, weight) in agents)
        {
            u -= weight;
            if (u <= 0)
            {
                return id;
            }
        }

        return agents.Count == 0 ? null : agents[^1].Id;
    }

    // Version-7-shaped ids from the seeded generator, so a seed reproduces ids too.
    private static byte[] IdBytes(Random rng)
    {
        var b = new byte[16];
        rng.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x70);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return b;
    }

    private static string Phone(int i)
    {
        string[] areas = ["916", "530", "209", "707", "279", "925"];
        return $"+1{areas[i / 10_000 % areas.Length]}555{(i % 10_000).ToString("D4", CultureInfo.InvariantCulture)}";
    }
}
