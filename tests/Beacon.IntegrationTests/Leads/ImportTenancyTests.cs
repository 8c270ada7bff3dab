using System.Net;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

/// <summary>An import belongs to its tenant: another tenant's import id is 404 on every import route, and undo does nothing.</summary>
public sealed class ImportTenancyTests(BeaconApp app)
{
    [Fact]
    public async Task Another_tenants_import_is_404_on_every_import_route()
    {
        var owner = await app.SignupAsync();
        var stranger = await app.SignupAsync();
        var (response, body) = await ImportApi.UploadAsync(owner.Client, ImportApi.People(5, "tenancy"));
        await response.EnsureSuccessAsync();
        var importId = body.GetProperty("id").GetGuid();
        await Poller.UntilAsync(() => ImportApi.StatusAsync(owner.Client, importId),
            s => s.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(60), "the import finishes");
        var leadsBefore = await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND deleted_at IS NULL", owner.TenantId);

        (await stranger.Client.GetAsync($"/api/v1/leads/imports/{importId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.Client.GetAsync($"/api/v1/leads/imports/{importId}/errors.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.Client.DeleteAsync($"/api/v1/leads/imports/{importId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.Client.GetStringAsync("/api/v1/leads/imports")).ShouldNotContain(importId.ToString());

        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND deleted_at IS NULL", owner.TenantId)).ShouldBe(leadsBefore);
        leadsBefore.ShouldBeGreaterThan(0);
    }
}
