using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Conversions.ConversionsApi;

namespace Beacon.IntegrationTests.Conversions;

/// <summary>
/// A person's call on a lead whose own created event has not been handled yet (handlers run on several workers, in any
/// order) is still the lead's first touch: the touch handler projects the lead itself instead of updating nothing.
/// </summary>
public sealed class TouchProjectionTests(BeaconApp app)
{
    [Fact]
    public async Task A_call_handled_before_the_leads_facts_exist_still_counts_as_its_first_touch()
    {
        var owner = await SignupAsync(app);
        var lead = await LeadAsync(owner.Client, "touch@example.com", "zillow", owner.UserId);
        await ReportWhenAsync(owner.Client, r => Step(r, "new") == 1);
        await SettledAsync(app, owner.TenantId);
        // As if the lead's created event were still waiting for a worker: no facts, no cells.
        foreach (var table in new[] { "funnel_hourly", "funnel_daily", "funnel_monthly", "funnel_day_stages", "funnel_day_agents",
                     "funnel_month_sources", "funnel_month_agents", "funnel_day_sources", "lead_facts" })
        {
            await app.Database.ScalarAsync<long>($"WITH d AS (DELETE FROM conversions.{table} WHERE tenant_id = $1 RETURNING 1) SELECT count(*) FROM d",
                owner.TenantId);
        }


        await (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/activities", new { type = "call", body = "First call" }))
            .EnsureSuccessAsync();

        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM conversions.lead_facts WHERE tenant_id = $1 AND lead_id = $2 AND first_touch_at IS NOT NULL",
                owner.TenantId, lead), n => n == 1, because: "the call is the lead's first touch");
        var report = await ReportWhenAsync(owner.Client, r => Step(r, "new") == 1);
        (report.GetProperty("speedToLead").GetProperty("leads").GetInt64(), report.GetProperty("speedToLead").GetProperty("touched").GetInt64())
            .ShouldBe((1L, 1L));
    }
}
