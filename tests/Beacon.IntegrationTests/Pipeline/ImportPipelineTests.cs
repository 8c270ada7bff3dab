using System.Net;
using Beacon.IntegrationTests.Leads;
using Beacon.IntegrationTests.Scoring;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Pipeline;

/// <summary>Every lead, however it arrives, is scored and enriched; an import's bulk work never holds up a capture.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ImportPipelineTests(PipelineFixture fixture)
{
    // What these tests prove is that every lead gets there, not how fast (bench/ measures that): on a loaded two-core
    // machine the 240 enrichments alone took 70 s of a 90 s patience, so the deadline is generous.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private Task<long> CountAsync(string sql, Guid tenant) => fixture.Database.ScalarAsync<long>(sql, tenant)!;

    [Fact]
    public async Task Every_lead_of_an_import_is_scored_in_chunks_and_its_enrichment_started()
    {
        await using var server = fixture.Server();
        var owner = await ApiClient.SignupAsync(server.CreateClient);

        var (response, _) = await ImportApi.UploadAsync(owner.Client, ImportApi.People(300), key: "pipeline-300");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CountAsync("SELECT count(*) FROM leads.leads WHERE tenant_id = $1", owner.TenantId)).ShouldBe(240);
        await Poller.UntilAsync(() => CountAsync("SELECT count(*) FROM scoring.scores WHERE tenant_id = $1", owner.TenantId),
            n => n == 240, Patience, "every imported lead is scored");
        await Poller.UntilAsync(() => CountAsync("SELECT count(DISTINCT lead_id) FROM enrichment.runs WHERE tenant_id = $1", owner.TenantId),
            n => n == 240, Patience, "every imported lead's enrichment started");
        (await CountAsync("SELECT count(*) FROM platform.inbox WHERE tenant_id = $1 AND handler = 'scoring.score-chunk'", owner.TenantId))
            .ShouldBe(3, "240 leads in chunks of 100: three set-based jobs, not 240 per-lead ones");
        (await CountAsync("SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.created'", owner.TenantId))
            .ShouldBe(0, "imports still publish no per-lead events");
    }

    [Fact]
    public async Task A_capture_is_scored_while_an_imports_bulk_work_is_still_waiting()
    {
        // No bulk loop on this server: the import's work waits in its lane for as long as the test looks.
        await using var server = fixture.Server(new Dictionary<string, string?> { ["Beacon:Jobs:BulkConcurrency"] = "0" });
        var owner = await ApiClient.SignupAsync(server.CreateClient);
        var (response, _) = await ImportApi.UploadAsync(owner.Client, ImportApi.People(300, "backlog"), key: "backlog-300");
        response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var captured = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved");

        await ScoringApi.WaitForScoreAsync(owner.Client, captured, because: "the capture is scored in the interactive lane");
        (await CountAsync("SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND lane = 'bulk'", owner.TenantId))
            .ShouldBeGreaterThan(0, "the import's bulk work queued before the capture is still waiting");
        (await CountAsync("SELECT count(*) FROM scoring.scores WHERE tenant_id = $1", owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_large_file_is_answered_202_with_its_url_and_imported_in_the_background_with_progress()
    {
        await using var server = fixture.Server(new Dictionary<string, string?> { ["Beacon:Leads:Import:BackgroundAboveBytes"] = "1024" });
        var owner = await ApiClient.SignupAsync(server.CreateClient);

        var (response, body) = await ImportApi.UploadAsync(owner.Client, ImportApi.People(2000, "big"), "chunkSize=100", key: "big-2000");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, body.ToString());
        var id = body.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/leads/imports/{id}");
        var status = await Poller.UntilAsync(() => ImportApi.StatusAsync(owner.Client, id),
            s => s.GetProperty("status").GetString() is "completed" or "failed", Patience, "the import finishes in the background");
        status.GetProperty("status").GetString().ShouldBe("completed", status.ToString());
        status.GetProperty("percent").GetInt32().ShouldBe(100);
        status.GetProperty("created").GetInt64().ShouldBe(1600);
        (await CountAsync("SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.import_progress'", owner.TenantId))
            .ShouldBeGreaterThan(1, "progress was reported chunk by chunk");
        await Poller.UntilAsync(() => CountAsync("SELECT count(*) FROM scoring.scores WHERE tenant_id = $1", owner.TenantId),
            n => n == 1600, Patience, "and its leads are scored");
        await Poller.UntilAsync(() => CountAsync("SELECT count(*) FROM conversions.lead_facts WHERE tenant_id = $1", owner.TenantId),
            n => n == 1600, Patience, "and each lead counts in the conversion figures");
        (await CountAsync("SELECT count(*) FROM platform.inbox WHERE tenant_id = $1 AND handler = 'conversions.project-imported-chunk'", owner.TenantId))
            .ShouldBe(4, "1,600 leads' facts in chunks of 500: four jobs, none holding all of them in one transaction");
    }
}
