using System.Net;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.SecondPlan;

/// <summary>
/// The second plan's journey 10: people of two brokerages work at the same time, each on a socket of their own; each
/// sees exactly what their role in their brokerage allows, live and through the API, and nothing of the other.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class ConcurrentUsersTests(AcceptanceStack stack)
{
    private const int LeadsEach = 3;

    [Fact]
    public async Task Journey_10_concurrent_users_are_isolated()
    {
        var journey = new Scenario("Journey 10 (concurrent-user isolation)", steps: 5);
        var people = await journey.StepAsync("two brokerages sign up, each with an owner and an agent", async () =>
        {
            var brokerages = await Task.WhenAll(stack.SignupAsync("North Realty"), stack.SignupAsync("South Realty"));
            var agents = await Task.WhenAll(brokerages.Select(b => ApiClient.AddMemberAsync(b, stack.Anonymous, "agent")));
            return brokerages.SelectMany((b, i) => new[]
            {
                new Person($"{b.Email} (owner)", b.TenantId, b.UserId, IsAgent: false, b.Client),
                new Person($"{agents[i].Email} (agent)", b.TenantId, agents[i].UserId, IsAgent: true, agents[i].Client),
            }).ToList();
        });

        var sockets = await journey.StepAsync("each of the four opens a live socket at the same time", async () =>
            (await Task.WhenAll(people.Select(async p =>
            {
                var socket = await Socket.ConnectAsync(stack.BaseAddress, "/api/v1/live");
                await socket.SendAsync(new { type = "auth", token = p.Client.DefaultRequestHeaders.Authorization!.Parameter });
                await socket.NextOfAsync("ready");
                return socket;
            }))).ToList());
        try
        {
            var leads = await journey.StepAsync($"all four capture {LeadsEach} leads each at the same time", async () =>
            {
                var captured = await Task.WhenAll(people.Select(CaptureAsync));
                return people.Zip(captured).ToDictionary(x => x.First, x => x.Second);
            });

            await journey.StepAsync("each socket streams exactly the leads its person may see, none of the other brokerage's", async () =>
            {
                for (var i = 0; i < people.Count; i++)
                {
                    var expected = Visible(people[i], leads).ToHashSet();
                    var seen = new HashSet<Guid>();
                    while (!seen.IsSupersetOf(expected))
                    {
                        var e = await sockets[i].NextOfAsync("event", f => f.GetProperty("eventType").GetString() == "lead.created");
                        seen.Add(e.GetProperty("data").GetProperty("leadId").GetGuid());
                    }

                    seen.ShouldBe(expected, ignoreOrder: true, $"{people[i].Name} sees their own brokerage's leads their role allows, and only those");
                }
            });

            await journey.StepAsync("each person's lead list shows the same, and the other brokerage's leads answer 404", async () =>
            {
                foreach (var person in people)
                {
                    var page = await person.Client.ReadAsync("/api/v1/leads?limit=100");
                    page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetGuid())
                        .ShouldBe(Visible(person, leads), ignoreOrder: true, person.Name);
                    var foreign = leads.Where(l => l.Key.Tenant != person.Tenant).SelectMany(l => l.Value).First();
                    (await person.Client.GetAsync($"/api/v1/leads/{foreign}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, person.Name);
                }
            });
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }

        journey.Done();
    }

    private static Task<Guid[]> CaptureAsync(Person person) =>
        Task.WhenAll(Enumerable.Range(0, LeadsEach).Select(async i =>
            (await person.Client.CaptureAssignedAsync(person.UserId,
                new { firstName = "Iso", lastName = $"Lead{i}", email = $"{Guid.NewGuid():N}@example.test" })).GetProperty("id").GetGuid()));

    // An owner sees every lead of their brokerage; an agent, the leads assigned to them.
    private static IEnumerable<Guid> Visible(Person person, Dictionary<Person, Guid[]> leads) =>
        leads.Where(l => l.Key.Tenant == person.Tenant && (!person.IsAgent || l.Key == person)).SelectMany(l => l.Value);

    private sealed record Person(string Name, Guid Tenant, Guid UserId, bool IsAgent, HttpClient Client);
}
