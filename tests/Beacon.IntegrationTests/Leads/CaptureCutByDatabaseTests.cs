using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Leads.Capture;
using Beacon.TestKit;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

/// <summary>
/// A capture whose database connection dies in the middle of its work (what a PostgreSQL restart does to every request
/// in flight): the answer says "retry" (503 with Retry-After), and the retry with the same Idempotency-Key is served
/// at once — nothing of the cut request, its claim included, outlived it.
/// </summary>
public sealed class CaptureCutByDatabaseTests(BeaconApp app)
{
    [Fact]
    public async Task A_capture_cut_by_a_terminated_connection_is_503_and_its_key_is_free_for_the_retry_at_once()
    {
        var owner = await app.SignupAsync();
        var lead = new { email = "cut-short@example.com" };
        await using var admin = new NpgsqlConnection(app.Database.AdminConnectionString);
        await admin.OpenAsync();
        var importLock = IdentityLocks.TenantImportKey(owner.TenantId);
        HttpResponseMessage cut;
        await using (var tx = await admin.BeginTransactionAsync())
        {
            // An import of the tenant holds its lock: the capture waits for it inside its transaction, its key claimed.
            await using (var hold = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", admin, tx))
            {
                hold.Parameters.AddWithValue(importLock);
                await hold.ExecuteNonQueryAsync();
            }

            var capture = LeadsApi.CaptureAsync(owner.Client, lead, "cut-1");
            var pid = await Poller.UntilAsync(() => WaiterAsync(importLock), p => p is not null, because: "the capture waits for the lock");
            var (duplicate, _) = await LeadsApi.CaptureAsync(owner.Client, lead, "cut-1");
            duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict, "the first request is really running");

            (await app.Database.ScalarAsync<bool>("SELECT pg_terminate_backend($1)", pid!.Value)).ShouldBeTrue();
            (cut, _) = await capture;
        }

        cut.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        cut.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 30);
        cut.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await cut.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(503);
        problem.GetProperty("title").GetString()!.ShouldContain("temporarily unavailable");

        var (retry, body) = await LeadsApi.CaptureAsync(owner.Client, lead, "cut-1");

        retry.StatusCode.ShouldBe(HttpStatusCode.Created, "the cut request's claim died with it");
        retry.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        body.GetProperty("emails")[0].GetString().ShouldBe("cut-short@example.com");
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task An_error_that_is_not_the_database_going_away_stays_500()
    {
        var owner = await app.SignupAsync();
        await using var admin = new NpgsqlConnection(app.Database.AdminConnectionString);
        await admin.OpenAsync();
        var importLock = IdentityLocks.TenantImportKey(owner.TenantId);
        HttpResponseMessage failed;
        await using (var tx = await admin.BeginTransactionAsync())
        {
            await using (var hold = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", admin, tx))
            {
                hold.Parameters.AddWithValue(importLock);
                await hold.ExecuteNonQueryAsync();
            }

            var capture = LeadsApi.CaptureAsync(owner.Client, new { email = "cancelled@example.com" }, "cancel-1");
            var pid = await Poller.UntilAsync(() => WaiterAsync(importLock), p => p is not null, because: "the capture waits for the lock");
            // Cancelling the statement (57014) is an error of the request, not an outage.
            (await app.Database.ScalarAsync<bool>("SELECT pg_cancel_backend($1)", pid!.Value)).ShouldBeTrue();
            (failed, _) = await capture;
        }

        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        failed.Headers.RetryAfter.ShouldBeNull();
    }

    // The backend waiting for the advisory lock: pg_locks splits a bigint key into its high and low 32 bits.
    private async Task<int?> WaiterAsync(long key) =>
        await app.Database.ScalarAsync<int?>("""
            SELECT pid FROM pg_locks
             WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1 AND classid::bigint = $1 AND objid::bigint = $2
             LIMIT 1
            """, (long)(uint)(key >> 32), (long)(uint)key);
}
