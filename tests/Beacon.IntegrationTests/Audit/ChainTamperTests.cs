using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Audit;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Audit;

/// <summary>Verify (API and command line) answers ok for an untouched chain and names the first row an attacker touched.</summary>
public sealed class ChainTamperTests(BeaconApp app)
{
    [Fact]
    public async Task An_untouched_chain_verifies_ok()
    {
        var owner = await AuditApi.TenantWithEntriesAsync(app, 3);

        var verdict = await AuditApi.VerifyAsync(owner.Client);

        verdict.GetProperty("ok").GetBoolean().ShouldBeTrue(verdict.ToString());
        verdict.GetProperty("checked").GetInt64().ShouldBeGreaterThanOrEqualTo(4, "sign-up and three teams");
    }

    [Fact]
    public async Task An_edited_value_is_named_with_its_sequence()
    {
        var owner = await AuditApi.TenantWithEntriesAsync(app, 3);
        await AuditApi.TamperAsync(app, "UPDATE audit.entries SET actor_id = gen_random_uuid() WHERE tenant_id = $1 AND seq = 3", owner.TenantId);

        await ShouldBreakAsync(owner, 3, "edited");
    }

    [Fact]
    public async Task A_deleted_row_is_named_with_its_sequence()
    {
        var owner = await AuditApi.TenantWithEntriesAsync(app, 3);
        await AuditApi.TamperAsync(app, "DELETE FROM audit.entries WHERE tenant_id = $1 AND seq = 2", owner.TenantId);

        await ShouldBreakAsync(owner, 2, "deleted");
    }

    [Fact]
    public async Task A_deleted_last_row_is_detected_from_the_chain_head()
    {
        var owner = await AuditApi.TenantWithEntriesAsync(app, 2);
        var last = await app.Database.ScalarAsync<long>("SELECT max(seq) FROM audit.entries WHERE tenant_id = $1", owner.TenantId);
        await AuditApi.TamperAsync(app, "DELETE FROM audit.entries WHERE tenant_id = $1 AND seq = $2", owner.TenantId, last);

        await ShouldBreakAsync(owner, last, "deleted");
    }

    [Fact]
    public async Task A_payload_edited_without_its_hash_is_named()
    {
        var owner = await AuditApi.TenantWithEntriesAsync(app, 2);
        await AuditApi.TamperAsync(app,
            """UPDATE audit.entries SET payload = '{"request":{"name":"Forged"}}' WHERE tenant_id = $1 AND seq = 2""",
            owner.TenantId);

        await ShouldBreakAsync(owner, 2, "payload_edited");
    }

    [Fact]
    public async Task Rows_swapped_with_recomputed_hashes_are_found_reordered()
    {
        var owner = await AuditApi.TenantWithEntriesAsync(app, 3);
        // An attacker who knows the algorithm swaps rows 2 and 3 and recomputes each one's own hash.
        await AuditApi.TamperAsync(app, $"""
            UPDATE audit.entries SET seq = -seq WHERE tenant_id = '{owner.TenantId}' AND seq IN (2, 3);
            UPDATE audit.entries SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END WHERE tenant_id = '{owner.TenantId}' AND seq IN (-2, -3);
            UPDATE audit.entries e SET row_hash = audit.row_hash(e) WHERE tenant_id = '{owner.TenantId}' AND seq IN (2, 3);
            """);

        await ShouldBreakAsync(owner, 2, "reordered");
    }

    [Fact]
    public async Task A_redacted_payload_keeps_the_chain_intact()
    {
        var owner = await app.SignupAsync();
        var lead = (await Leads.LeadsApi.CreatedAsync(owner.Client, new { email = "keep@example.com" })).GetProperty("id").GetGuid();
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { email = "erase-me@example.com" })).EnsureSuccessAsync();
        const string Mentions = "SELECT count(*) FROM audit.entries WHERE tenant_id = $1 AND payload::text LIKE '%erase-me%'";
        (await app.Database.ScalarAsync<long>(Mentions, owner.TenantId)).ShouldBe(1, "lead.updated carries the new address");
        await using (var conn = new Npgsql.NpgsqlConnection(app.Database.AdminConnectionString))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using var cmd = new Npgsql.NpgsqlCommand(
                "SELECT set_config('beacon.tenant_id', $1, true), audit.redact_subject('lead', $2, now())", conn, tx);
            cmd.Parameters.AddWithValue(owner.TenantId.ToString());
            cmd.Parameters.AddWithValue(lead.ToString());
            await cmd.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        (await app.Database.ScalarAsync<long>(Mentions, owner.TenantId)).ShouldBe(0);
        var entries = await AuditApi.EntriesAsync(owner.Client, $"subjectType=lead&subjectId={lead}");
        entries.Select(e => e.GetProperty("action").GetString()).ShouldContain("lead.created");
        entries.Select(e => e.GetProperty("action").GetString()).ShouldContain("lead.updated", "entries stay listed, without payloads");
        entries.ShouldAllBe(e => e.GetProperty("payload").ValueKind == JsonValueKind.Null
            && e.GetProperty("redactedAt").ValueKind == JsonValueKind.String);
        (await AuditApi.VerifyAsync(owner.Client)).GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_command_line_verify_exits_1_naming_the_broken_tenant_and_0_when_intact()
    {
        var intact = await AuditApi.TenantWithEntriesAsync(app, 1);
        var broken = await AuditApi.TenantWithEntriesAsync(app, 2);
        await AuditApi.TamperAsync(app, "UPDATE audit.entries SET action = 'Nothing' WHERE tenant_id = $1 AND seq = 2", broken.TenantId);

        var okOut = new StringWriter();
        (await AuditModule.VerifyCommandAsync(app.Factory.Services, ["--tenant", intact.TenantId.ToString()], okOut, default)).ShouldBe(0);
        okOut.ToString().ShouldContain($"{intact.TenantId} ok");
        var badOut = new StringWriter();
        (await AuditModule.VerifyCommandAsync(app.Factory.Services, [], badOut, default)).ShouldBe(1);
        badOut.ToString().ShouldContain($"{broken.TenantId} BROKEN: Entry 2 was edited");
        (await AuditModule.VerifyCommandAsync(app.Factory.Services, ["--tenant", "nope"], new StringWriter(), default)).ShouldBe(2);
    }

    private static async Task ShouldBreakAsync(TenantSession owner, long seq, string reason)
    {
        var verdict = await AuditApi.VerifyAsync(owner.Client);
        verdict.GetProperty("ok").GetBoolean().ShouldBeFalse(verdict.ToString());
        verdict.GetProperty("brokenSeq").GetInt64().ShouldBe(seq, verdict.ToString());
        verdict.GetProperty("reason").GetString().ShouldBe(reason);
        verdict.GetProperty("message").GetString()!.ShouldContain(seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
