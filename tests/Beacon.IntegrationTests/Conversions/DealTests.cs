using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Conversions.ConversionsApi;

namespace Beacon.IntegrationTests.Conversions;

public sealed class DealTests(BeaconApp app)
{
    [Fact]
    public async Task A_deal_recorded_by_hand_closes_the_lead_and_counts_as_one_converted_outcome()
    {
        var owner = await SignupAsync(app);
        var lead = await LeadAsync(owner.Client, "deal1@example.com", agent: owner.UserId);

        var deal = await DealAsync(owner.Client, new { leadId = lead, stage = "closed", closeDate = "2026-11-20", priceCents = 450_000_00L, commissionCents = 13_500_00L });

        deal.GetProperty("origin").GetString().ShouldBe("manual");
        deal.GetProperty("agentId").GetGuid().ShouldBe(owner.UserId, "the lead's agent by default");
        deal.GetProperty("currency").GetString().ShouldBe("USD");
        await Poller.UntilAsync(() => owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json),
            l => l.GetProperty("stage").GetString() == "closed", because: "a closed deal closes its lead");
        await SettledAsync(app, owner.TenantId);
        (await app.Database.ScalarAsync<bool>("SELECT converted FROM scoring.outcomes WHERE tenant_id = $1 AND lead_id = $2", owner.TenantId, lead))
            .ShouldBeTrue();
        (await OutcomesAsync(app, owner.TenantId)).ShouldBe(1);
        (await DealsAsync(owner.Client, lead)).Count.ShouldBe(1, "the stage change the deal caused makes no second deal");

        var changed = await owner.Client.PatchAsJsonAsync($"/api/v1/conversions/{deal.GetProperty("id").GetGuid()}", new { priceCents = 460_000_00L });
        await changed.EnsureSuccessAsync();
        await SettledAsync(app, owner.TenantId);
        (await OutcomesAsync(app, owner.TenantId)).ShouldBe(1, "editing the deal counts nothing twice");
        (await DealsAsync(owner.Client, lead)).Single().GetProperty("priceCents").GetInt64().ShouldBe(460_000_00L);
    }

    [Fact]
    public async Task A_stage_change_to_closed_records_one_deal_for_the_leads_agent()
    {
        var owner = await SignupAsync(app);
        var lead = await LeadAsync(owner.Client, "deal2@example.com", agent: owner.UserId);

        await StageAsync(owner.Client, lead, "closed");

        var deals = await Poller.UntilAsync(() => DealsAsync(owner.Client, lead), d => d.Count > 0, because: "the closed stage records a deal");
        await SettledAsync(app, owner.TenantId);
        deals = await DealsAsync(owner.Client, lead);
        deals.Count.ShouldBe(1);
        deals[0].GetProperty("origin").GetString().ShouldBe("stage_change");
        deals[0].GetProperty("stage").GetString().ShouldBe("closed");
        deals[0].GetProperty("agentId").GetGuid().ShouldBe(owner.UserId);
        (await OutcomesAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task An_open_deal_is_completed_when_its_lead_closes_rather_than_a_second_deal_made()
    {
        var owner = await SignupAsync(app);
        var lead = await LeadAsync(owner.Client, "deal3@example.com", agent: owner.UserId);
        await DealAsync(owner.Client, new { leadId = lead, stage = "under_contract", priceCents = 300_000_00L });

        await StageAsync(owner.Client, lead, "closed");

        var deal = (await Poller.UntilAsync(() => DealsAsync(owner.Client, lead), d => d.Single().GetProperty("stage").GetString() == "closed",
            because: "the open deal closes with its lead")).Single();
        deal.GetProperty("priceCents").GetInt64().ShouldBe(300_000_00L);
        deal.GetProperty("origin").GetString().ShouldBe("manual");
    }

    [Theory]
    [InlineData("""{"stage":"closed"}""", "leadId")]
    [InlineData("""{"leadId":"LEAD","stage":"won"}""", "stage")]
    [InlineData("""{"leadId":"LEAD","stage":"closed","priceCents":-1}""", "priceCents")]
    [InlineData("""{"leadId":"LEAD","stage":"closed","priceCents":100,"commissionCents":101}""", "commissionCents")]
    [InlineData("""{"leadId":"LEAD","stage":"closed","currency":"usd"}""", "currency")]
    [InlineData("""{"leadId":"LEAD","stage":"closed","closeDate":"1900-01-01"}""", "closeDate")]
    [InlineData("""{"leadId":"00000000-0000-0000-0000-000000000001","stage":"closed"}""", "leadId")]
    [InlineData("""{"leadId":"LEAD","stage":"closed","agentId":"00000000-0000-0000-0000-000000000001"}""", "agentId")]
    public async Task Bad_deal_input_is_refused_naming_the_field_and_records_nothing(string body, string field)
    {
        var owner = await SignupAsync(app);
        var lead = await LeadAsync(owner.Client, "bad@example.com", agent: owner.UserId);

        var response = await owner.Client.PostAsync("/api/v1/conversions",
            new StringContent(body.Replace("LEAD", lead.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM conversions.deals WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task An_agent_cannot_record_a_deal_on_a_lead_they_may_not_see()
    {
        var owner = await SignupAsync(app);
        var (_, agentClient) = await Leads.LeadsApi.AddMemberAsync(app, owner, "agent");
        var lead = await LeadAsync(owner.Client, "hidden@example.com", agent: owner.UserId);

        var response = await agentClient.PostAsJsonAsync("/api/v1/conversions", new { leadId = lead, stage = "closed" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await agentClient.GetFromJsonAsync<JsonElement>("/api/v1/conversions", ApiClient.Json)).GetProperty("total").GetInt32().ShouldBe(0);
    }
}
