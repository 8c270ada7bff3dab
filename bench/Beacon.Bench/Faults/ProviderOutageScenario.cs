using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Beacon.Bench.Enrichment;
using Beacon.Bench.Platform;
using Beacon.TestKit.Sandbox;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Faults;

/// <summary>
/// Leads captured through the API while the property, person and credit providers (the sandbox process) answer 503,
/// then while they answer slower than the client's timeout; then they recover. Scoring must not wait for enrichment
/// (every lead scored before the providers came back), and every enrichment step must end complete, no match or
/// visibly failed once they are back.
/// </summary>
internal sealed class ProviderOutageScenario : IFaultScenario
{
    private static readonly string[] Providers = ["Property", "Person", "Credit"];

    public string Name => "providers";

    public string Description => "captures while the sandbox providers are down (503), then slow (1.5-3 s vs a 2 s timeout), then back [--leads 120 --rate 10]";

    public async Task RunAsync(BenchArgs a, FaultReport report, CancellationToken ct)
    {
        var rate = a.Double("--rate", 10);
        var phase = TimeSpan.FromSeconds(a.Int("--leads", 120) / 2.0 / rate);
        await using var stack = await BenchStack.StartAsync(durable: true, ct);
        await using var sandbox = await SandboxProcess.StartAsync(EnrichmentRun.SandboxDll(), TimeSpan.FromSeconds(30),
            [.. Providers.Select(p => $"--Sandbox:{p}:Outage=Unavailable"), "--Sandbox:Person:ColdModulus=0"]);
        var node = await stack.StartServerAsync(FaultStack.NodeSettings(a, EnrichmentRun.ProviderSettings(sandbox.BaseAddress)));
        var (owner, bearer) = await FaultStack.BrokerageAsync(node);
        using var http = FaultStack.Client(node);
        using var knobs = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var streets = EnrichmentRun.Streets();
        var stream = new CaptureStream(FaultStack.RunId("providers"), bearer, [http],
            n => new { street = streets[n % streets.Length], city = "Sacramento", state = "CA" });
        var consented = new HashSet<Guid>();

        report.Figure($"phase 1: property, person and credit answer 503 for {F(phase.TotalSeconds)} s, captures at {F(rate)}/s (each with a credit consent)");
        await RunForAsync(stream, rate, phase, ct);
        await ConsentAsync(http, bearer, stream, consented);
        await SetAsync(knobs, new { outage = "None", latencyMs = "1500-3000" });
        report.Figure($"phase 2: the providers answer again, in 1.5-3 s (the client's timeout is 2 s), for {F(phase.TotalSeconds)} s");
        await RunForAsync(stream, rate, phase, ct);
        await ConsentAsync(http, bearer, stream, consented);
        await SetAsync(knobs, new { latencyMs = "50-200" });
        var recoveredAt = await FaultDb.NowAsync(stack.AdminConnectionString);
        var recovery = Stopwatch.StartNew();
        report.Figure("phase 3: the providers are back (50-200 ms)");

        var stored = await CaptureAudit.CheckAsync(stack.AdminConnectionString, owner.TenantId, stream, report);
        var pattern = stream.Run + "-%";
        var scoredBefore = await FaultDb.ScalarAsync(stack.AdminConnectionString, """
            SELECT count(*) FROM leads.leads l WHERE l.tenant_id = $1 AND l.external_id LIKE $2 AND EXISTS (
              SELECT 1 FROM platform.events e WHERE e.tenant_id = l.tenant_id AND e.type = 'lead.scored'
                 AND e.payload->>'leadId' = l.id::text AND e.recorded_at < $3)
            """, owner.TenantId, pattern, recoveredAt);
        report.Figure($"scored before the providers came back: {scoredBefore} of {stored} leads; " +
                      $"capture → first score {await ScoreLatencyAsync(stack.AdminConnectionString, owner.TenantId, pattern)}");
        report.Require(scoredBefore == stored, "scoring did not wait for enrichment (every lead scored during the outage)");

        long pending;
        do
        {
            await Task.Delay(250, ct);
            pending = await FaultDb.ScalarAsync(stack.AdminConnectionString,
                "SELECT count(*) FROM enrichment.runs WHERE tenant_id = $1 AND state = 'pending'", owner.TenantId);
        }
        while (pending > 0 && recovery.Elapsed < TimeSpan.FromSeconds(a.Int("--drain", 180)));

        report.Figure($"recovery → every enrichment step final: {(pending == 0 ? $"{F(recovery.Elapsed.TotalSeconds)} s" : $"NOT within {F(recovery.Elapsed.TotalSeconds)} s ({pending} pending)")}");
        report.Figure("steps: " + await FaultDb.TextAsync(stack.AdminConnectionString, """
            SELECT string_agg(provider || ' ' || state || ' ' || n, ', ' ORDER BY provider, state)
              FROM (SELECT provider, state, count(*) n FROM enrichment.runs WHERE tenant_id = $1 GROUP BY provider, state) s
            """, owner.TenantId));
        var unfinished = await FaultDb.ScalarAsync(stack.AdminConnectionString, """
            SELECT count(*) FROM leads.leads l WHERE l.tenant_id = $1 AND l.external_id LIKE $2
               AND (SELECT count(*) FROM enrichment.runs r WHERE r.tenant_id = l.tenant_id AND r.lead_id = l.id AND r.state <> 'pending') < 3
            """, owner.TenantId, pattern);
        report.Require(unfinished == 0, $"every lead's three providers completed or visibly gave up ({unfinished} leads not)");
        var (tally, waited) = await FaultDb.DrainAsync(stack.AdminConnectionString, TimeSpan.FromSeconds(a.Int("--drain-jobs", 60)), ct);
        FaultDb.Check(report, tally, waited);
    }

    private static async Task RunForAsync(CaptureStream stream, double rate, TimeSpan phase, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(phase);
        await stream.RunAsync(rate, stop.Token);
    }

    private static async Task SetAsync(HttpClient knobs, object values)
    {
        foreach (var provider in Providers)
        {
            (await knobs.PostAsJsonAsync($"/_sandbox/knobs/{provider.ToLowerInvariant()}", values)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Each new lead's FCRA consent, so the credit step calls the bureau instead of being skipped.</summary>
    private static async Task ConsentAsync(HttpClient http, AuthenticationHeaderValue bearer, CaptureStream stream, HashSet<Guid> consented)
    {
        foreach (var lead in stream.Outcomes.Where(o => o.Acknowledged).Select(o => o.LeadId!.Value).Where(consented.Add).ToList())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/leads/{lead}/credit-consent")
            {
                Content = JsonContent.Create(new
                {
                    noticeVersion = "fcra-2026-01",
                    agreed = true,
                    purpose = "prequalification",
                    ip = "203.0.113.7",
                    dateOfBirth = "1985-04-12",
                }),
            };
            request.Headers.Authorization = bearer;
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }

    private static async Task<string> ScoreLatencyAsync(string admin, Guid tenant, string pattern) =>
        await FaultDb.TextAsync(admin, """
            SELECT 'p50 ' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) || ' ms, p99 '
                   || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)) || ' ms, max ' || round(max(ms)) || ' ms'
              FROM (SELECT extract(epoch FROM min(e.recorded_at) - l.created_at)::float8 * 1000 AS ms
                      FROM leads.leads l JOIN platform.events e ON e.tenant_id = l.tenant_id AND e.type = 'lead.scored'
                       AND e.payload->>'leadId' = l.id::text
                     WHERE l.tenant_id = $1 AND l.external_id LIKE $2 GROUP BY l.id, l.created_at) x
            """, tenant, pattern);
}
