using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// The one rate-limit policy (ADR 0023) on servers of their own with low quotas, counted in the run's Redis: REST per
/// principal and per tenant with the IETF headers, imports, live-socket messages, and the caller's view of it all.
/// </summary>
public sealed partial class RateLimitPolicyTests(BeaconApp app)
{
    private BeaconFactory Server(params (string Key, string Value)[] quotas) =>
        new(app.Database, quotas.ToDictionary(q => "Beacon:RateLimits:" + q.Key, q => (string?)q.Value));

    [Fact]
    public async Task Rest_calls_beyond_a_users_quota_get_429_with_the_ietf_headers_while_another_user_is_unaffected()
    {
        await using var server = Server(("Rest:PerPrincipal", "5"), ("Rest:PerTenant", "1000"));
        var first = await ApiClient.SignupAsync(server.CreateClient);
        var second = await ApiClient.SignupAsync(server.CreateClient);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
        {
            answers.Add(await first.Client.GetAsync("/api/v1/teams"));
        }

        var ok = answers.TakeWhile(a => a.StatusCode == HttpStatusCode.OK).ToList();
        ok.Count.ShouldBeInRange(1, 5, "at most the quota is served (sign-up may have spent some of it)");
        ok.Select(a => Remaining(a, "user")).ShouldBe(Enumerable.Range(0, ok.Count).Select(i => ok.Count - 1 - i),
            "each answer says what remains, down to 0");
        ok[0].Headers.GetValues("RateLimit-Policy").Single().ShouldContain("\"user\";q=5;w=60");
        var refused = answers[ok.Count];
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        Remaining(refused, "user").ShouldBe(0);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("scope").GetString().ShouldBe("rest");
        problem.GetProperty("detail").GetString()!.ShouldContain("user quota of 5 requests per 60 s");
        answers.Skip(ok.Count).ShouldAllBe(a => a.StatusCode == HttpStatusCode.TooManyRequests, "refused calls take nothing, so none slips through");

        (await second.Client.GetAsync("/api/v1/teams")).StatusCode.ShouldBe(HttpStatusCode.OK, "another tenant's user has a quota of its own");
    }

    [Fact]
    public async Task The_tenants_quota_is_shared_by_its_users_and_api_keys_and_spares_other_tenants()
    {
        await using var server = Server(("Rest:PerPrincipal", "1000"), ("Rest:PerTenant", "12"));
        var owner = await ApiClient.SignupAsync(server.CreateClient);
        var other = await ApiClient.SignupAsync(server.CreateClient);
        var key = await owner.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Zapier", role = "agent" });
        key.EnsureSuccessStatusCode();
        var secret = (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var byKey = server.CreateClient();
        byKey.DefaultRequestHeaders.Add("X-Api-Key", secret);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await owner.Client.GetAsync("/api/v1/teams")).StatusCode);
            statuses.Add((await byKey.GetAsync("/api/v1/leads")).StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(12, "the tenant's quota counts the user and the key together");
        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        var refused = await byKey.GetAsync("/api/v1/leads");
        Remaining(refused, "tenant").ShouldBe(0);
        refused.Headers.GetValues("RateLimit-Policy").Single().ShouldContain("\"api-key\";q=1000;w=60");
        (await other.Client.GetAsync("/api/v1/teams")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_caller_sees_every_scope_of_its_policy_and_what_remains()
    {
        await using var server = Server(("Rest:PerPrincipal", "50"), ("Import:PerPrincipal", "3"), ("Import:Window", "01:00:00"));
        var owner = await ApiClient.SignupAsync(server.CreateClient);
        for (var i = 0; i < 3; i++)
        {
            (await owner.Client.GetAsync("/api/v1/teams")).EnsureSuccessStatusCode();
        }

        var before = Remaining(await owner.Client.GetAsync("/api/v1/teams"), "user");
        var body = await (await owner.Client.GetAsync("/api/v1/rate-limits")).Content.ReadFromJsonAsync<JsonElement>();
        var scopes = body.GetProperty("scopes").EnumerateArray().ToDictionary(s => s.GetProperty("scope").GetString()!);
        scopes.Keys.ShouldBe(["rest", "socket", "assistant", "import"], ignoreOrder: true);
        scopes["rest"].GetProperty("principal").GetProperty("remaining").GetInt32().ShouldBe(before - 1, "this call counted, reading it did not");
        scopes["import"].GetProperty("principal").GetProperty("quota").GetInt32().ShouldBe(3);
        scopes["import"].GetProperty("principal").GetProperty("window").GetString().ShouldBe("01:00:00");
        scopes["import"].GetProperty("shared").GetBoolean().ShouldBeTrue("counted in Redis");
    }

    [Fact]
    public async Task Imports_beyond_their_quota_are_refused_before_the_file_is_read_and_dry_runs_are_free()
    {
        await using var server = Server(("Import:PerPrincipal", "1"));
        var owner = await ApiClient.SignupAsync(server.CreateClient);
        const string Csv = "first_name,last_name,email\nIda,Quota,ida.quota@example.test\n";

        (await Import(owner.Client, Csv, dryRun: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Import(owner.Client, Csv, dryRun: false)).IsSuccessStatusCode.ShouldBeTrue();
        (await Import(owner.Client, Csv, dryRun: true)).StatusCode.ShouldBe(HttpStatusCode.OK, "a dry run does not count");
        var refused = await Import(owner.Client, Csv.Replace("Ida", "Ina", StringComparison.Ordinal), dryRun: false);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.Content.ReadAsStringAsync()).ShouldContain("quota of 1 imports");
        var leads = await (await owner.Client.GetAsync("/api/v1/leads?q=Quota")).Content.ReadFromJsonAsync<JsonElement>();
        leads.GetProperty("items").GetArrayLength().ShouldBe(1, "the refused import created nothing");
    }

    [Fact]
    public async Task A_plan_change_scales_the_tenants_quotas_at_once()
    {
        await using var server = Server(("Rest:PerPrincipal", "5"), ("Rest:PerTenant", "40"));
        var owner = await ApiClient.SignupAsync(server.CreateClient);
        // Waited for in the database: each poll through the API would spend the 5 requests this test's user has.
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM billing.subscriptions WHERE tenant_id = $1", owner.TenantId),
            n => n == 1, TimeSpan.FromSeconds(30), "the new brokerage's subscription starts");

        var change = await owner.Client.PutAsJsonAsync("/api/v1/billing/subscription/plan", new { planCode = "brokerage" });

        change.StatusCode.ShouldBe(HttpStatusCode.OK, await change.Content.ReadAsStringAsync());
        var after = await owner.Client.GetAsync("/api/v1/teams");
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = after.Headers.GetValues("RateLimit-Policy").Single();
        policy.ShouldContain("\"user\";q=25;w=60", customMessage: "Brokerage multiplies the quotas by 5");
        policy.ShouldContain("\"tenant\";q=200;w=60");
    }

    private static Task<HttpResponseMessage> Import(HttpClient client, string csv, bool dryRun) =>
        client.PostAsync($"/api/v1/leads/imports?dryRun={(dryRun ? "true" : "false")}",
            new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

    /// <summary>The <c>r</c> of the named item of the <c>RateLimit</c> header.</summary>
    internal static int Remaining(HttpResponseMessage response, string name)
    {
        var header = response.Headers.GetValues("RateLimit").Single();
        var match = Regex.Match(header, $"\"{name}\";r=(\\d+);t=(\\d+)");
        match.Success.ShouldBeTrue($"RateLimit names {name}: {header}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
