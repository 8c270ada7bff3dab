using System.Net;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class ImportNulTests(BeaconApp app)
{
    private const string WithNul = "Email,First Name\r\nann@example.com,Ann\r\nbob@example.com,B\0b\r\n";

    [Theory]
    [InlineData("")]
    [InlineData("dryRun=true")]
    public async Task A_csv_cell_holding_a_NUL_character_is_refused_naming_its_row_and_column_and_nothing_is_imported(string query)
    {
        var owner = await app.SignupAsync();

        var (response, body) = await ImportApi.UploadAsync(owner.Client, WithNul, query, key: $"nul-{Guid.NewGuid():N}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body.ToString());
        var reason = body.GetProperty("errors").GetProperty("First Name")[0].GetString() ?? "";
        reason.ShouldContain("Row 2");
        reason.ShouldContain("U+0000");
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM leads.imports WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }
}
