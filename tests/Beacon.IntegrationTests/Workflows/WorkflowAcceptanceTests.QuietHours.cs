using System.Net.Http.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed partial class WorkflowAcceptanceTests
{
    private const int Notes = 8;

    /// <summary>A lead of the simulated week: how its zone is known, what the test expects it to be, its opt-out (if any).</summary>
    private sealed record WeekLead(string Name, object Capture, string Zone, string ZoneSource, bool OptsOut = false)
    {
        public string Email { get; } = $"{Guid.NewGuid():N}@example.test";

        public Guid Id { get; set; }
    }

    [Fact]
    public async Task Quiet_hours_over_a_simulated_week_send_nothing_outside_8_to_21_in_the_leads_zone_and_nothing_after_opt_out()
    {
        await using var week = await SimulatedWeek.StartAsync();
        var owner = await week.SignupAsync();
        (await owner.Client.PutAsJsonAsync("/api/v1/workflows/settings", new
        {
            postalAddress = "Acme Realty, 1 Main St, Springfield, IL 62701",
            timeZone = "America/Chicago",
            maxMessagesPerDay = 50,
        })).EnsureSuccessStatusCode();
        // Nine hours between notes is shorter than the eleven quiet ones: every lead's week has sends due at night.
        var steps = new List<object> { new { type = "email", subject = "Note 1", body = "Hello." } };
        for (var i = 2; i <= Notes; i++)
        {
            steps.Add(new { type = "wait", delayMinutes = 540 });
            steps.Add(new { type = "email", subject = $"Note {i}", body = "Hello again." });
        }

        await EngineApi.WorkflowAsync(owner.Client, new { type = "lead_created" }, [.. steps]);
        WeekLead[] leads =
        [
            new("area code", new { phone = "+1 808 555 0101" }, "Pacific/Honolulu", "the phone's area code 808"),
            new("address", new { propertyAddress = new { street = "1 Palm Dr", city = "Beverly Hills", state = "CA", zip = "90210" } },
                "America/Los_Angeles", "the lead's address (its ZIP code)"),
            new("lead's own zone", new { timeZone = "Asia/Tokyo" }, "Asia/Tokyo", "the lead's own time zone"),
            new("brokerage", new { firstName = "Bo" }, "America/Chicago", "the brokerage's time zone"),
            new("opt-out", new { phone = "+1 212 555 0102" }, "America/New_York", "the phone's area code 212", OptsOut: true),
        ];
        foreach (var lead in leads)
        {
            var body = System.Text.Json.JsonSerializer.SerializeToNode(lead.Capture)!.AsObject();
            body["email"] = lead.Email;
            lead.Id = (await LeadsApi.CreatedAsync(owner.Client, body)).GetProperty("id").GetGuid();
        }

        var start = week.Clock.GetUtcNow();
        var optOutAt = start.AddDays(3);
        var end = start.AddDays(7);
        var optedOut = false;
        while (true)
        {
            await week.DrainAsync();
            if (!optedOut && week.Clock.GetUtcNow() >= optOutAt)
            {
                var optOut = leads.Single(l => l.OptsOut);
                (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{optOut.Id}/consents",
                    new { purpose = "email_marketing", decision = "withdrawn", source = "phone call" })).EnsureSuccessStatusCode();
                await Poller.UntilAsync(() => week.Database.ScalarAsync<string>(
                    "SELECT status FROM workflows.enrollments WHERE lead_id = $1", optOut.Id), s => s == "stopped", because: "the opt-out stops the enrollment");
                optedOut = true;
            }

            var now = week.Clock.GetUtcNow();
            if (now >= end)
            {
                break;
            }

            // Step an hour at a time, or to the next due step, whichever is first; stop at the opt-out and the week's end.
            var next = new[] { now.AddHours(1), end, optedOut ? end : optOutAt, await week.NextStepDueAsync() ?? end }.Min();
            week.Clock.MoveTo(next);
        }

        var history = await HistoryAsync(week.Database, owner.TenantId);
        foreach (var lead in leads)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(lead.Zone);
            var mine = history.Where(h => h.Lead == lead.Id).ToList();
            var sent = mine.Where(h => h.Status == "sent").ToList();
            sent.Where(h => TimeZoneInfo.ConvertTime(h.At, zone).Hour is < 8 or >= 21).Select(h => $"step {h.Step + 1} at {h.At:u}")
                .ShouldBeEmpty($"{lead.Name}: sends outside 08:00-21:00 {lead.Zone}");
            var deferred = mine.Where(h => h.Status == "deferred").ToList();
            deferred.ShouldNotBeEmpty($"{lead.Name}: some send fell in quiet hours and was deferred");
            deferred.ShouldAllBe(d => d.Reason.EndsWith($"(time zone from {lead.ZoneSource})", StringComparison.Ordinal),
                $"{lead.Name}: the zone came from {lead.ZoneSource}");
            var sentSteps = sent.Select(h => h.Step).ToHashSet();
            if (lead.OptsOut)
            {
                sent.Where(h => h.At >= optOutAt).ShouldBeEmpty($"{lead.Name}: nothing sent after the opt-out");
                sent.Count.ShouldBeLessThan(Notes, $"{lead.Name}: the opt-out cut the sequence short");
            }
            else
            {
                sentSteps.Count.ShouldBe(Notes, $"{lead.Name}: every note was sent within the week");
                deferred.Where(d => !sent.Any(s => s.Step == d.Step && s.At > d.At)).ShouldBeEmpty($"{lead.Name}: every deferred send was sent later");
            }

            var received = await Poller.UntilAsync(() => Task.FromResult(SmtpSink.Shared.MessagesTo(lead.Email)), m => m.Count >= sent.Count,
                TimeSpan.FromSeconds(30), $"{lead.Name}: the SMTP server received every send");
            received.Count.ShouldBe(sent.Count, $"{lead.Name}: the SMTP server received exactly the sends in the history");
        }
    }

    private sealed record HistoryLine(Guid Lead, int? Step, string Status, string Reason, DateTimeOffset At);

    private static async Task<List<HistoryLine>> HistoryAsync(TestDatabase database, Guid tenant)
    {
        await using var conn = new NpgsqlConnection(database.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT e.lead_id, h.step_index, h.status, h.reason, h.at FROM workflows.history h
              JOIN workflows.enrollments e ON e.tenant_id = h.tenant_id AND e.id = h.enrollment_id
             WHERE h.tenant_id = $1 ORDER BY h.at
            """, conn);
        cmd.Parameters.AddWithValue(tenant);
        var lines = new List<HistoryLine>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(new HistoryLine(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return lines;
    }
}
