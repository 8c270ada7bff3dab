using Beacon.Conversions;
using Beacon.IntegrationTests.Pipeline;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Conversions.ConversionsApi;

namespace Beacon.IntegrationTests.Conversions;

/// <summary>
/// The rebuild of every tenant, on the pipeline tests' database of their own: on the run's shared database it would
/// rewrite the facts and cells of every other test's brokerage while those tests count them.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class RebuildEveryTenantTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Rebuild_of_every_tenant_names_each_tenant_it_rebuilt()
    {
        await using var server = fixture.Server();
        var owner = await ApiClient.SignupAsync(server.CreateClient);
        await Poller.UntilAsync(() => fixture.Database.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM leads.agents WHERE tenant_id = $1 AND user_id = $2)
                 + (SELECT count(*) FROM conversions.agents WHERE tenant_id = $1 AND user_id = $2)
            """, owner.TenantId, owner.UserId), n => n == 2, because: "the projections learn of the owner");
        await LeadAsync(owner.Client, "e1@example.com", "zillow", owner.UserId);
        await ReportWhenAsync(owner.Client, r => Step(r, "new") == 1);
        await fixture.Database.ScalarAsync<int>("DELETE FROM conversions.funnel_hourly WHERE tenant_id = $1 RETURNING 1", owner.TenantId);
        using var output = new StringWriter();

        var exit = await ConversionsModule.RebuildCommandAsync(server.Services, [], output, TestContext.Current.CancellationToken);

        exit.ShouldBe(0);
        output.ToString().ShouldContain($"{owner.TenantId}: 1 leads' facts refreshed");
        (await fixture.Database.ScalarAsync<long>("SELECT sum(leads)::bigint FROM conversions.funnel_hourly WHERE tenant_id = $1", owner.TenantId))
            .ShouldBe(1);
    }
}
