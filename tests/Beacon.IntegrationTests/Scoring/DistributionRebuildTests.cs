using Beacon.IntegrationTests.Leads;
using Beacon.Scoring;
using Beacon.Scoring.Insights;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Scoring.DistributionCellsTests;

namespace Beacon.IntegrationTests.Scoring;

/// <summary><c>beacon scoring rebuild</c>: the distribution's counts recomputed from the scores after they went wrong.</summary>
public sealed class DistributionRebuildTests(BeaconApp app)
{
    [Fact]
    public async Task Scoring_rebuild_repairs_lost_and_miscounted_cells_and_a_second_run_finds_nothing_wrong()
    {
        var owner = await app.SignupAsync();
        var (_, ann) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var hot = await ScoringApi.CreateLeadAsync(ann, "referral", "asap", "pre_approved");
        var cold = await ScoringApi.CreateLeadAsync(ann, "facebook", "12_plus_months", "needs_lender", phone: false);
        var hotScore = (await ScoringApi.WaitForScoreAsync(ann, hot))!.Value;
        var coldScore = (await ScoringApi.WaitForScoreAsync(ann, cold))!.Value;
        (double, string)[] expected = [(Probability(hotScore), Grade(hotScore)), (Probability(coldScore), Grade(coldScore))];
        await ShouldBeAsync(ann, expected);
        (await RebuildAsync(owner.TenantId)).Wrong.ShouldBe(0, "the triggers kept the counts exact");

        Bucket(Probability(hotScore)).ShouldNotBe(Bucket(Probability(coldScore)), "precondition: two cells");
        await app.Database.ScalarAsync<object>("UPDATE scoring.distribution_cells SET leads = leads + 5 WHERE tenant_id = $1 AND band = $2",
            owner.TenantId, (short)Bucket(Probability(hotScore)));
        await app.Database.ScalarAsync<object>("DELETE FROM scoring.distribution_cells WHERE tenant_id = $1 AND band = $2",
            owner.TenantId, (short)Bucket(Probability(coldScore)));
        var repaired = await RebuildAsync(owner.TenantId);

        repaired.Wrong.ShouldBe(2, "one cell miscounted, one lost");
        await ShouldBeAsync(ann, expected);
        (await RebuildAsync(owner.TenantId)).Wrong.ShouldBe(0);
    }

    [Fact]
    public async Task Scoring_rebuild_refuses_an_unknown_argument()
    {
        var output = new StringWriter();
        var exit = await ScoringModule.RebuildCommandAsync(app.Factory.Services, ["--tenant", "not-a-guid"], output,
            TestContext.Current.CancellationToken);
        exit.ShouldBe(2);
        output.ToString().ShouldContain("--tenant needs a tenant id");
    }

    private Task<(long Cells, long Wrong)> RebuildAsync(Guid tenant) =>
        app.Factory.Services.GetRequiredService<DistributionRebuild>().RebuildAsync(tenant, TestContext.Current.CancellationToken);
}
