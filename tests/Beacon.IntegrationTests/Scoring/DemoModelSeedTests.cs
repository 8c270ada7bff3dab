using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

[Collection(DemoSeedCollection.Name)]
public sealed class DemoModelSeedTests(DemoSeedFixture demo)
{
    [Fact]
    public async Task Seeding_the_demo_brokerage_publishes_a_champion_trained_on_its_history()
    {
        var owner = await demo.OwnerAsync();

        var models = (await owner.GetFromJsonAsync<JsonElement>("/api/v1/models", ApiClient.Json)).EnumerateArray().ToList();

        var model = models.ShouldHaveSingleItem();
        model.GetProperty("status").GetString().ShouldBe("champion", model.GetProperty("gateReason").GetString());
        model.GetProperty("gatePassed").GetBoolean().ShouldBeTrue();
        model.GetProperty("trainedBy").ValueKind.ShouldBe(JsonValueKind.Null);
        (model.GetProperty("positives").GetInt32() + model.GetProperty("negatives").GetInt32()).ShouldBeGreaterThan(500);
        var promotions = (await owner.GetFromJsonAsync<JsonElement>("/api/v1/models/promotions", ApiClient.Json)).EnumerateArray().ToList();
        promotions.ShouldHaveSingleItem().GetProperty("toVersion").GetInt32().ShouldBe(model.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Seeding_again_trains_no_second_model()
    {
        await demo.SeedAsync();

        (await demo.Database.ScalarAsync<long>("SELECT count(*) FROM scoring.models WHERE tenant_id = $1", DemoTenant.TenantId))
            .ShouldBe(1);
    }

    [Fact]
    public async Task The_score_of_a_lead_not_scored_yet_answers_200_pending_not_404()
    {
        var owner = await demo.OwnerAsync();
        var page = await owner.GetFromJsonAsync<JsonElement>("/api/v1/leads?limit=1", ApiClient.Json);
        var lead = page.GetProperty("items")[0].GetProperty("id").GetGuid();

        var response = await owner.GetAsync($"/api/v1/leads/{lead}/score");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        body.GetProperty("leadId").GetGuid().ShouldBe(lead);
        body.GetProperty("status").GetString().ShouldBe("pending");
        body.GetProperty("probability").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("grade").ValueKind.ShouldBe(JsonValueKind.Null);
        (await owner.GetAsync($"/api/v1/leads/{Guid.CreateVersion7()}/score")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
