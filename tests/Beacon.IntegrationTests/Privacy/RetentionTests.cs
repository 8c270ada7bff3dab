using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Enrichment;
using Beacon.Privacy.Retention;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Privacy.PrivacyHarness;

namespace Beacon.IntegrationTests.Privacy;

[Collection(EnrichmentCollection.Name)]
public sealed class RetentionTests(EnrichmentFixture sandbox)
{
    private static readonly DateTimeOffset Now = new(2025, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_retention_sweep_erases_only_unconverted_leads_inactive_longer_than_the_policy_and_only_once_enabled()
    {
        await using var h = await StartAsync(sandbox);
        var stale = await LeadAsync(h, lastActivity: new DateTimeOffset(2025, 5, 31, 0, 0, 0, TimeSpan.Zero), stage: "contacted");
        var recent = await LeadAsync(h, lastActivity: new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), stage: "contacted");
        var converted = await LeadAsync(h, lastActivity: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), stage: "closed");
        var sweep = h.Factory.Services.GetRequiredService<RetentionSweep>();

        var policy = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/privacy/retention", ApiClient.Json);
        policy.GetProperty("enabled").GetBoolean().ShouldBeFalse("retention is off by default");
        await sweep.RunOnceAsync(Now, CancellationToken.None);
        (await h.Client.GetAsync($"/api/v1/leads/{stale}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await h.Client.PutAsJsonAsync("/api/v1/privacy/retention", new { enabled = true, inactiveMonths = 6 })).EnsureSuccessStatusCode();
        await sweep.RunOnceAsync(Now, CancellationToken.None);

        (await h.Client.GetAsync($"/api/v1/leads/{stale}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await h.Client.GetAsync($"/api/v1/leads/{recent}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await h.Client.GetAsync($"/api/v1/leads/{converted}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var erasures = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/privacy/erasures", ApiClient.Json);
        var tombstone = erasures.EnumerateArray().Single();
        tombstone.GetProperty("leadId").GetGuid().ShouldBe(stale);
        tombstone.GetProperty("basis").GetString().ShouldBe("retention");
        policy = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/privacy/retention", ApiClient.Json);
        policy.GetProperty("lastRunAt").GetDateTimeOffset().ShouldBe(Now);
        policy.GetProperty("lastRunErased").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"enabled":true,"inactiveMonths":0}""", "inactiveMonths")]
    [InlineData("""{"enabled":true,"inactiveMonths":121}""", "inactiveMonths")]
    [InlineData("""{"inactiveMonths":12}""", "enabled")]
    public async Task A_bad_retention_policy_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        await using var h = await StartAsync(sandbox);

        var response = await h.Client.PutAsync("/api/v1/privacy/retention",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).ShouldContain(n => string.Equals(n, field, StringComparison.OrdinalIgnoreCase));
        (await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/privacy/retention", ApiClient.Json))
            .GetProperty("enabled").GetBoolean().ShouldBeFalse();
    }

    private async Task<Guid> LeadAsync(EnrichmentHarness h, DateTimeOffset lastActivity, string stage)
    {
        var lead = await h.CreateLeadAsync(new { email = Person.Distinctive().Email });
        await QuietAsync(sandbox, h.Session.TenantId);
        await sandbox.Database.ScalarAsync<int?>(
            "UPDATE leads.leads SET last_activity_at = $1, stage = $2 WHERE tenant_id = $3 AND id = $4",
            lastActivity, stage, h.Session.TenantId, lead);
        return lead;
    }
}
