using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Leads;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Contracts;

/// <summary>What other modules read of a lead through <see cref="ILeadSnapshots"/>, and that a tenant reads only its own.</summary>
public sealed class LeadSnapshotsTests(BeaconApp app)
{
    [Fact]
    public async Task A_captured_lead_reads_back_with_its_address_and_newest_activities_first()
    {
        var owner = await app.SignupAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/v1/leads", new
        {
            firstName = "Maria",
            lastName = "Lopez",
            email = "maria.lopez@example.test",
            phone = "(916) 555-0142",
            source = "zillow",
            type = "seller",
            propertyAddress = new { street = "3526 High St", city = "Sacramento", state = "CA", zip = "95838" },
        });
        await created.EnsureSuccessAsync();
        var leadId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{leadId}/activities", new { type = "note", body = "Wants to list in spring" }))
            .EnsureSuccessStatusCode();
        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{leadId}/activities", new { type = "call", body = "Left a voicemail" }))
            .EnsureSuccessStatusCode();

        var snapshots = app.Factory.Services.GetRequiredService<ILeadSnapshots>();
        var lead = await snapshots.GetAsync(owner.TenantId, leadId, 10, CancellationToken.None);

        lead.ShouldNotBeNull();
        lead.FirstName.ShouldBe("Maria");
        lead.Phones.ShouldBe(["+19165550142"]);
        lead.PropertyAddress!.Street.ShouldBe("3526 High St");
        lead.Activities.Select(a => a.Type).Take(2).ShouldBe(["call", "note"]);
        (await snapshots.GetAsync(owner.TenantId, leadId, 1, CancellationToken.None))!.Activities.Count.ShouldBe(1);

        var stranger = await app.SignupAsync();
        (await snapshots.GetAsync(stranger.TenantId, leadId, 10, CancellationToken.None)).ShouldBeNull();
    }
}
