using Beacon.Scoring.Serving;
using Beacon.SharedKernel.Database;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

/// <summary>Two scorings of one lead at once (workers racing on a burst of activities) never leave a stale score.</summary>
public sealed class ConcurrentRescoringTests(BeaconApp app)
{
    [Fact]
    public async Task A_scoring_that_waits_for_another_reads_the_lead_after_it_and_the_newest_facts_win()
    {
        var owner = await app.SignupAsync();
        var id = await ScoringApi.CreateLeadAsync(owner.Client, "website", "3_6_months", "pre_approved");
        var first = (await ScoringApi.WaitForScoreAsync(owner.Client, id))!.Value;
        HasEngagement(first).ShouldBeFalse();
        var db = app.Factory.Services.GetRequiredService<Db>();
        var scorer = app.Factory.Services.GetRequiredService<ScoreService>();
        var ct = TestContext.Current.CancellationToken;

        // The first scoring has read the lead (no activity yet) and written, but not committed.
        await using var earlier = await db.BeginAsync(owner.TenantId, ct);
        await scorer.ScoreAsync(earlier, id, ct);
        var later = Task.Run(async () =>
        {
            await using var tx = await db.BeginAsync(owner.TenantId, ct);
            await scorer.ScoreAsync(tx, id, ct);
            await tx.CommitAsync(ct);
        }, ct);
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM pg_stat_activity
             WHERE wait_event_type = 'Lock' AND (query LIKE '%scoring.lead:%' OR query LIKE '%scoring.%scores%')
            """), n => n > 0, because: "the second scoring waits for the first");

        // A listing view lands while the second waits (straight into the table: no event, no third scoring).
        await app.Database.ScalarAsync<int>("""
            INSERT INTO leads.activities (tenant_id, lead_id, id, type, occurred_at, body, data)
            VALUES ($1, $2, $3, 'property_view', now(), 'Viewed 12 Elm St.', '{}'::jsonb) RETURNING 1
            """, owner.TenantId, id, Guid.CreateVersion7());
        await earlier.CommitAsync(ct);
        await later;

        var served = (await ScoringApi.ScoreAsync(owner.Client, id))!.Value;
        HasEngagement(served).ShouldBeTrue("the scoring that committed last read the lead after the view");
    }

    private static bool HasEngagement(System.Text.Json.JsonElement score) =>
        score.GetProperty("reasons").EnumerateArray().Any(r => r.GetProperty("feature").GetString() == "engagement");
}
