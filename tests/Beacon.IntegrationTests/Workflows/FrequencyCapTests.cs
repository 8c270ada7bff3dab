using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class FrequencyCapTests(BeaconApp app)
{
    [Fact]
    public async Task Messages_beyond_the_brokerages_cap_in_24_hours_are_deferred_with_the_reason_not_sent()
    {
        var owner = await app.SignupAsync();
        var response = await owner.Client.PutAsJsonAsync("/api/v1/workflows/settings",
            new { postalAddress = "Acme Realty, 1 Main St, Springfield, IL 62701", timeZone = EngineApi.DaytimeZone(), maxMessagesPerDay = 2 });
        await response.EnsureSuccessAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, new { type = "lead_created" },
            new { type = "email", subject = "One", body = "1" }, new { type = "email", subject = "Two", body = "2" },
            new { type = "email", subject = "Three", body = "3" });
        var email = $"{Guid.NewGuid():N}@example.test";

        await LeadsApi.CreatedAsync(owner.Client, new { email });

        var deferred = await EngineApi.EnrollmentAsync(owner.Client, workflow,
            e => e.Reasons().Any(r => r.StartsWith("step 3 not sent: frequency cap of 2 messages per lead in 24 hours reached, deferred until ",
                StringComparison.Ordinal)), "the third e-mail is deferred");
        deferred.GetProperty("status").GetString().ShouldBe("active");
        deferred.GetProperty("currentStep").GetInt32().ShouldBe(2);
        DateTimeOffset.Parse(deferred.GetProperty("nextFireAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(TimeProvider.System.GetUtcNow().AddHours(23), "it waits for the first e-mail to turn 24 hours old");
        (await SmtpSink.Shared.WaitForAsync(email, 2)).Select(m => m.Subject).Order().ShouldBe(["One", "Two"]);
    }

    [Fact]
    public async Task A_cap_outside_1_to_50_is_refused_naming_the_field()
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.PutAsJsonAsync("/api/v1/workflows/settings",
            new { postalAddress = "Acme Realty, 1 Main St, Springfield, IL 62701", timeZone = "America/Chicago", maxMessagesPerDay = 0 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").TryGetProperty("maxMessagesPerDay", out _).ShouldBeTrue(problem.ToString());
        (await owner.Client.GetAsync("/api/v1/workflows/settings")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
