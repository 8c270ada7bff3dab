using System.Diagnostics;
using System.Net.Http.Headers;
using Beacon.Bench.Leads;
using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Faults;

/// <summary>
/// Two nodes on one database; a CSV upload (10 % of its rows repeat an earlier person) imported on node A; node A
/// killed with SIGKILL once part of it is committed; the client sends the same file with the same Idempotency-Key
/// to node B, which resumes after the committed rows once A's heartbeat is stale. Every person must be stored once.
/// </summary>
internal sealed class ImportKillScenario : IFaultScenario
{
    public string Name => "import-kill";

    public string Description => "two nodes, a --leads 20000-row CSV import on node A, kill -9 of A mid-way, the upload resumed on node B [--chunk 500]";

    public async Task RunAsync(BenchArgs a, FaultReport report, CancellationToken ct)
    {
        var rows = a.Int("--leads", 20_000);
        var file = await BenchCsv.WriteAsync(rows, 7);
        try
        {
            var settings = FaultStack.NodeSettings(a, new Dictionary<string, string?> { ["Beacon:Jobs:VisibilityTimeout"] = "00:00:15" });
            await using var stack = await BenchStack.StartAsync(durable: true, ct);
            var nodeA = await stack.StartServerAsync(settings);
            var nodeB = await stack.StartNodeAsync(settings);
            var (owner, bearer) = await FaultStack.BrokerageAsync(nodeA);
            var key = $"fault-import-{Guid.NewGuid():N}";
            var chunk = a.Int("--chunk", 500);
            using var toA = FaultStack.Client(nodeA);
            using var toB = FaultStack.Client(nodeB);
            toA.Timeout = toB.Timeout = TimeSpan.FromMinutes(10);
            var upload = UploadAsync(toA, bearer, file, key, chunk);
            var committed = 0L;
            while (committed < rows * 0.3 && !upload.IsCompleted)
            {
                await Task.Delay(20, ct);
                committed = await CommittedAsync(stack, owner.TenantId, key);
            }

            report.Require(!upload.IsCompleted, "the import was still running when node A was killed (else raise --leads)");
            nodeA.Kill();
            var killed = Stopwatch.StartNew();
            committed = await CommittedAsync(stack, owner.TenantId, key);
            var cut = await upload;
            report.Figure($"{rows} rows ({BenchCsv.People(rows)} people), chunks of {chunk}; kill -9 of node A (pid {nodeA.ProcessId}) " +
                          $"with {committed} rows committed; A's client saw: {Describe(cut)}");

            var answers = new List<int>();
            (int Status, string Body) answer;
            do
            {
                answer = await UploadAsync(toB, bearer, file, key, chunk);
                answers.Add(answer.Status);
                if (answer.Status == 409)
                {
                    await Task.Delay(2000, ct);
                }
            }
            while (answer.Status == 409 && killed.Elapsed < TimeSpan.FromSeconds(180));

            report.Figure($"same upload to node B: {answers.Count(s => s == 409)} × 409 (A's import heartbeat not stale yet, 30 s), " +
                          $"then {Describe(answer)}, {F(killed.Elapsed.TotalSeconds)} s after the kill");
            report.Require(answer.Status is 200 or 201, "the import completes on node B");
            await CheckAsync(stack, owner.TenantId, key, rows, killed, report, TimeSpan.FromSeconds(a.Int("--drain-jobs", 60)), ct);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task CheckAsync(BenchStack stack, Guid tenant, string key, int rows, Stopwatch killed, FaultReport report, TimeSpan drain,
        CancellationToken ct)
    {
        var admin = stack.AdminConnectionString;
        var expected = BenchCsv.People(rows);
        var leads = await FaultDb.ScalarAsync(admin, "SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND deleted_at IS NULL", tenant);
        var people = await FaultDb.ScalarAsync(admin,
            "SELECT count(DISTINCT emails[1]) FROM leads.leads WHERE tenant_id = $1 AND deleted_at IS NULL", tenant);
        report.Figure("import: " + await FaultDb.TextAsync(admin, """
            SELECT status || ', rows committed ' || rows_committed || ', created ' || created || ', merged ' || merged || ', rejected ' || rejected
              FROM leads.imports WHERE tenant_id = $1 AND key = $2
            """, tenant, key));
        var imported = await FaultDb.ScalarAsync(admin, "SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.imported'", tenant);
        report.Figure($"leads stored {leads} for {expected} people in the file; lead.imported published {imported} time(s)");
        report.Require(people == expected, $"rows lost = {expected - people} (people of the file with no lead)");
        report.Require(leads == people && imported == 1, $"duplicated = {leads - people} (a person stored twice), lead.imported once ({imported})");

        long scored;
        do
        {
            await Task.Delay(500, ct);
            scored = await FaultDb.ScalarAsync(admin, "SELECT count(*) FROM scoring.scores WHERE tenant_id = $1", tenant);
        }
        while (scored < leads && killed.Elapsed < TimeSpan.FromSeconds(240));

        report.Figure($"kill → every imported lead scored: {(scored >= leads ? $"{F(killed.Elapsed.TotalSeconds)} s" : $"NOT within {F(killed.Elapsed.TotalSeconds)} s ({scored}/{leads})")}");
        report.Require(scored == leads, "every imported lead scored once");
        var (tally, waited) = await FaultDb.DrainAsync(admin, drain, ct);
        FaultDb.Check(report, tally, waited);
    }

    private static Task<long> CommittedAsync(BenchStack stack, Guid tenant, string key) => FaultDb.ScalarAsync(stack.AdminConnectionString,
        "SELECT coalesce((SELECT rows_committed FROM leads.imports WHERE tenant_id = $1 AND key = $2), 0)", tenant, key);

    private static async Task<(int Status, string Body)> UploadAsync(HttpClient http, AuthenticationHeaderValue bearer, string file, string key, int chunk)
    {
        try
        {
            await using var body = File.OpenRead(file);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/leads/imports?chunkSize={chunk}")
            {
                Content = new StreamContent(body, 1 << 16) { Headers = { ContentType = new("text/csv") } },
            };
            request.Headers.Authorization = bearer;
            request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, e.Message);
        }
    }

    private static string Describe((int Status, string Body) answer) =>
        answer.Status == 0 ? $"no answer ({answer.Body})" : $"{answer.Status}";
}
