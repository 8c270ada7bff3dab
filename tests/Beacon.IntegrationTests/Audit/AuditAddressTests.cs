using System.Net.Http.Json;
using Beacon.IntegrationTests.Platform;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Audit;

/// <summary>On real Kestrel (the in-memory server has no connection address): entries carry the client's address.</summary>
public sealed class AuditAddressTests(KestrelServer kestrel) : IClassFixture<KestrelServer>
{
    [Fact]
    public async Task An_entry_records_the_address_the_change_came_from()
    {
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = kestrel.BaseAddress });
        await (await owner.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Listing team" })).EnsureSuccessAsync();

        var entry = (await AuditApi.EntriesAsync(owner.Client, "action=CreateTeam")).ShouldHaveSingleItem();

        entry.GetProperty("clientAddress").GetString().ShouldBe("127.0.0.1");
        entry.GetProperty("requestId").GetString().ShouldNotBeNullOrEmpty();
    }
}
