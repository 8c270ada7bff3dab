using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Audit;

public sealed class AuditTrailTests(BeaconApp app)
{
    [Fact]
    public async Task A_lead_update_is_recorded_with_who_the_request_and_each_field_before_and_after()
    {
        var owner = await app.SignupAsync();
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { email = "ann@example.com", firstName = "Ann" })).GetProperty("id").GetGuid();
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { firstName = "Anne" })).EnsureSuccessAsync();

        var entries = await AuditApi.EntriesAsync(owner.Client, $"subjectType=lead&subjectId={lead}");

        entries[0].GetProperty("action").GetString().ShouldBe("lead.updated", "newest first");
        entries[^1].GetProperty("action").GetString().ShouldBe("lead.created");
        var update = entries[0];
        update.GetProperty("actorKind").GetString().ShouldBe("user");
        update.GetProperty("actorId").GetGuid().ShouldBe(owner.UserId);
        update.GetProperty("requestId").GetString().ShouldNotBeNullOrEmpty();
        var change = update.GetProperty("payload").GetProperty("event").GetProperty("changes").EnumerateArray()
            .Single(c => c.GetProperty("field").GetString() == "firstName");
        change.GetProperty("previous").GetString().ShouldBe("\"Ann\"");
        change.GetProperty("current").GetString().ShouldBe("\"Anne\"");
    }

    [Fact]
    public async Task An_api_key_is_recorded_as_the_actor_and_secrets_never_reach_the_trail()
    {
        var owner = await app.SignupAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "zapier", role = "agent" });
        await created.EnsureSuccessAsync();
        var key = await created.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        var keyClient = app.Anonymous();
        keyClient.DefaultRequestHeaders.Add("X-Api-Key", key.GetProperty("key").GetString());
        await LeadsApi.CreatedAsync(keyClient, new { email = "bob@example.com" });
        await ApiClient.LoginAsync(app.Anonymous(), owner.Email, owner.Password);

        var entries = await AuditApi.EntriesAsync(owner.Client, "action=lead.created");
        entries.ShouldHaveSingleItem().GetProperty("actorKind").GetString().ShouldBe("api_key");
        entries[0].GetProperty("actorId").GetGuid().ShouldBe(key.GetProperty("apiKey").GetProperty("id").GetGuid());
        var all = await app.Database.ScalarAsync<string>(
            "SELECT string_agg(coalesce(payload::text, ''), ' ') FROM audit.entries WHERE tenant_id = $1", owner.TenantId);
        all!.ShouldNotContain(key.GetProperty("key").GetString()!);
        all!.ShouldContain("\"password\": \"***\"", Case.Sensitive, "the sign-in is recorded with its password masked");
        all!.ShouldNotContain(ApiClient.Password);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_tenant_never_fork_the_chain()
    {
        var owner = await app.SignupAsync();

        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
            await (await owner.Client.PostAsJsonAsync("/api/v1/teams", new { name = $"Team {i}" })).EnsureSuccessAsync()));

        var numbers = await app.Database.ScalarAsync<string>(
            "SELECT string_agg(seq::text, ',' ORDER BY seq) FROM audit.entries WHERE tenant_id = $1", owner.TenantId);
        var seqs = numbers!.Split(',').Select(long.Parse).ToList();
        seqs.ShouldBe(Enumerable.Range(1, seqs.Count).Select(i => (long)i).ToList(), "gap-free, no duplicates");
        seqs.Count.ShouldBeGreaterThanOrEqualTo(25);
        (await AuditApi.VerifyAsync(owner.Client)).GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_app_role_can_neither_update_nor_delete_an_entry()
    {
        var owner = await AuditApi.TenantWithEntriesAsync(app, 1);
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        await using (var bind = new NpgsqlCommand("SELECT set_config('beacon.tenant_id', $1, false)", conn))
        {
            bind.Parameters.AddWithValue(owner.TenantId.ToString());
            await bind.ExecuteNonQueryAsync();
        }

        foreach (var sql in new[]
        {
            "UPDATE audit.entries SET action = 'x' WHERE seq = 1",
            "UPDATE audit.entries SET payload = NULL, redacted_at = now() WHERE seq = 1",
            "DELETE FROM audit.entries WHERE seq = 1",
            "UPDATE audit.heads SET last_seq = 0",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            (await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync()))
                .SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }

        (await AuditApi.VerifyAsync(owner.Client)).GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Only_admins_and_owners_read_or_verify_the_trail()
    {
        var owner = await app.SignupAsync();
        var admin = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "admin");
        var lead = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "team_lead");

        (await admin.Client.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await lead.Client.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await lead.Client.PostAsync("/api/v1/audit/verify", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to")]
    [InlineData("cursor=0", "cursor")]
    [InlineData("from=yesterday", "from")]
    public async Task Bad_filters_answer_400_naming_the_field(string query, string field)
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.GetAsync($"/api/v1/audit?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field);
    }

    [Fact]
    public async Task Filters_and_the_cursor_page_through_the_trail()
    {
        var owner = await AuditApi.TenantWithEntriesAsync(app, 5);

        var first = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=CreateTeam&limit=3", ApiClient.Json);
        var next = first.GetProperty("next").GetInt64();
        var second = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=CreateTeam&limit=3&cursor={next}", ApiClient.Json);

        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("payload").GetProperty("request").GetProperty("name").GetString()).ToList();
        names.ShouldBe(["Team 4", "Team 3", "Team 2", "Team 1", "Team 0"]);
        second.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        (await AuditApi.EntriesAsync(owner.Client, $"actor={Guid.NewGuid()}")).ShouldBeEmpty();
        (await AuditApi.EntriesAsync(owner.Client, $"actor={owner.UserId}&action=CreateTeam")).Count.ShouldBe(5);
    }
}
