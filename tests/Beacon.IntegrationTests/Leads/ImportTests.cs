using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class ImportTests(BeaconApp app)
{
    private const string Mixed = """"
        email,phone,first name,type,stage,notes
        a@example.com,916-555-0101,Ann,buyer,new,hello
        A@EXAMPLE.COM ,,Annie,,,
        b@example.com,(916) 555-0101,Bob,,,
        not-an-email,,Carl,,,
        c@example.com,,Cid,tourist,,
        existing@example.com,,Eve,,,
        d@example.com,,"Dan ""the man""",seller,,
        ,,Nobody,,,

        e@example.com,,"broken"quote,,,
        f@example.com,,Fay,investor,contacted,
        """";

    [Fact]
    public async Task A_dry_run_reports_exactly_what_the_real_run_then_does_and_writes_nothing()
    {
        var owner = await app.SignupAsync();
        await LeadsApi.CreatedAsync(owner.Client, new { email = "existing@example.com" });

        var (dryResponse, dry) = await ImportApi.UploadAsync(owner.Client, Mixed, "dryRun=true");
        var countAfterDryRun = await LeadsApi.CountAsync(app, owner.TenantId);
        var (realResponse, real) = await ImportApi.UploadAsync(owner.Client, Mixed, key: "mixed-1");

        dryResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        countAfterDryRun.ShouldBe(1);
        realResponse.StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var count in new[] { "created", "merged", "rejected" })
        {
            real.GetProperty(count).GetInt64().ShouldBe(dry.GetProperty(count).GetInt64(), count);
        }

        dry.GetProperty("created").GetInt64().ShouldBe(3, "a, d and f");
        dry.GetProperty("merged").GetInt64().ShouldBe(3, "A@EXAMPLE.COM and b's phone into a, existing@ into the existing lead");
        dry.GetProperty("rejected").GetInt64().ShouldBe(4);
        dry.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString())
            .ShouldBe(["emails[0]", "type", "email", "$row"]);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(4);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.created'",
            owner.TenantId)).ShouldBe(1, "imports never fire per-lead events");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.imported'",
            owner.TenantId)).ShouldBe(1);
        var errorFile = await owner.Client.GetStringAsync($"/api/v1/leads/imports/{real.GetProperty("id").GetGuid()}/errors.csv");
        errorFile.ShouldContain("tourist");
        errorFile.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(5);
    }

    [Fact]
    public async Task Undo_removes_exactly_the_leads_of_the_batch()
    {
        var owner = await app.SignupAsync();
        var before = await LeadsApi.CreatedAsync(owner.Client, new { email = "keep@example.com" });
        var (_, import) = await ImportApi.UploadAsync(owner.Client, ImportApi.People(300), key: "undo-1");
        var after = await LeadsApi.CreatedAsync(owner.Client, new { email = "later@example.com" });
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(2 + 240);

        var undo = await owner.Client.DeleteAsync($"/api/v1/leads/imports/{import.GetProperty("id").GetGuid()}");

        undo.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(2);
        (await owner.Client.GetAsync($"/api/v1/leads/{before.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Client.GetAsync($"/api/v1/leads/{after.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LeadsApi.CaptureAsync(owner.Client, new { email = "p0@example.com" })).Response.StatusCode
            .ShouldBe(HttpStatusCode.Created, "the undone leads no longer claim their e-mails");
    }

    [Fact]
    public async Task An_import_interrupted_mid_file_and_retried_ends_with_every_row_once()
    {
        var owner = await app.SignupAsync();
        var csv = ImportApi.People(5000, "crash");
        using var cts = new CancellationTokenSource();
        var upload = ImportApi.UploadAsync(owner.Client, csv, "chunkSize=100", "crash-1", cts.Token);
        var running = await Poller.UntilAsync(
            async () => (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/leads/imports?key=crash-1", ApiClient.Json))
                .EnumerateArray().FirstOrDefault(),
            s => s.ValueKind == JsonValueKind.Object && s.GetProperty("rowsCommitted").GetInt64() >= 500, TimeSpan.FromSeconds(60));
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(upload);
        var id = running.GetProperty("id").GetGuid();
        var interrupted = await Poller.UntilAsync(() => ImportApi.StatusAsync(owner.Client, id),
            s => s.GetProperty("status").GetString() != "running", TimeSpan.FromSeconds(30));
        interrupted.GetProperty("rowsCommitted").GetInt64().ShouldBeLessThan(5000);

        var (retry, summary) = await ImportApi.UploadAsync(owner.Client, csv, "chunkSize=100", "crash-1");

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        summary.GetProperty("created").GetInt64().ShouldBe(4000);
        summary.GetProperty("merged").GetInt64().ShouldBe(1000);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(4000);
        (await app.Database.ScalarAsync<long>(
            "SELECT count(DISTINCT import_row) FROM leads.leads WHERE tenant_id = $1", owner.TenantId)).ShouldBe(4000);
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM leads.activities WHERE tenant_id = $1 AND type = 'merge'", owner.TenantId)).ShouldBe(1000, "every duplicate row merged once");
        var (again, _) = await ImportApi.UploadAsync(owner.Client, csv, "chunkSize=100", "crash-1");
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "a finished import is answered again, not re-run");
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(4000);
    }

    [Fact]
    public async Task Progress_is_published_as_events_with_a_percentage()
    {
        var owner = await app.SignupAsync();

        await ImportApi.UploadAsync(owner.Client, ImportApi.People(1000), "chunkSize=100", "progress-1");

        var percents = await app.Database.ScalarAsync<string>(
            "SELECT string_agg(payload->>'percent', ',' ORDER BY seq) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.import_progress'",
            owner.TenantId);
        var values = percents!.Split(',').Select(int.Parse).ToList();
        values.Count.ShouldBeGreaterThan(3);
        values.ShouldBe(values.Order().ToList());
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("latin1")]
    [InlineData("utf16")]
    [InlineData("wide")]
    [InlineData("nomapping")]
    public async Task A_file_that_cannot_be_imported_is_a_400_and_writes_nothing(string kind)
    {
        var owner = await app.SignupAsync();
        var bytes = kind switch
        {
            "empty" => [],
            "latin1" => [.. Encoding.UTF8.GetBytes("email,first\r\nj@example.com,Jos"), 0xE9, (byte)'\r', (byte)'\n'],
            "utf16" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("email\r\na@example.com\r\n")).ToArray(),
            "wide" => Encoding.UTF8.GetBytes("email," + string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"c{i}")) + "\r\na@example.com\r\n"),
            _ => Encoding.UTF8.GetBytes("colour,size\r\nblue,9\r\n"),
        };

        var (response, problem) = await ImportApi.UploadAsync(owner.Client, bytes, key: $"bad-{kind}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task Formula_cells_are_imported_as_text_and_neutralised_on_export()
    {
        var owner = await app.SignupAsync();
        var csv = "email,first name,last name\r\nx@example.com,=cmd|' /C calc'!A0,@SUM(1+1)\r\n";

        var (response, _) = await ImportApi.UploadAsync(owner.Client, csv, key: "formula-1");
        var export = await owner.Client.GetStringAsync("/api/v1/leads/export.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        export.ShouldContain("'=cmd|' /C calc'!A0");
        export.ShouldContain("'@SUM(1+1)");
        export.ShouldNotContain(",=cmd");
    }

    [Fact]
    public async Task A_mapping_override_reads_an_unusual_header()
    {
        var owner = await app.SignupAsync();
        var csv = "Contact,Cell #,Where from\r\nPat Jones,916 555 0177,Billboard\r\n";

        var (response, body) = await ImportApi.UploadAsync(owner.Client, csv,
            "mapping=" + Uri.EscapeDataString("""{"Contact":"fullName","Cell #":"phone","Where from":"source"}"""), "map-1");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToString());
        var lead = (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/leads", ApiClient.Json)).GetProperty("items")[0];
        lead.GetProperty("firstName").GetString().ShouldBe("Pat");
        lead.GetProperty("phones")[0].GetString().ShouldBe("+19165550177");
        lead.GetProperty("source").GetString().ShouldBe("billboard");
    }
}
