using System.Net;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class CaptureDedupeTests(BeaconApp app)
{
    [Fact]
    public async Task A_new_lead_is_created_with_normalised_email_and_E164_phone()
    {
        var owner = await app.SignupAsync();

        var (response, lead) = await LeadsApi.CaptureAsync(owner.Client, new
        {
            firstName = "Maria",
            lastName = "Lopez",
            email = "  Maria.Lopez@Example.COM ",
            phone = "(916) 555-0142",
            source = "Zillow",
            type = "buyer",
            priceMin = 300000,
            priceMax = 450000,
            zipCodes = new[] { "95814" },
            tags = new[] { "VIP" },
            customFields = new { bedrooms = 3 },
            consents = new { email = new { granted = true, source = "zillow form" } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/leads/{lead.GetProperty("id").GetGuid()}");
        response.Headers.ETag.ShouldNotBeNull();
        lead.GetProperty("emails")[0].GetString().ShouldBe("maria.lopez@example.com");
        lead.GetProperty("phones")[0].GetString().ShouldBe("+19165550142");
        lead.GetProperty("source").GetString().ShouldBe("zillow");
        lead.GetProperty("stage").GetString().ShouldBe("new");
        lead.GetProperty("tags")[0].GetString().ShouldBe("vip");
        lead.GetProperty("timeZone").GetString().ShouldBe("America/Los_Angeles");
        lead.GetProperty("timeZoneSource").GetString().ShouldBe("zip");
        lead.GetProperty("consents").GetProperty("email").GetProperty("granted").GetBoolean().ShouldBeTrue();
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.created'", owner.TenantId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("maria@example.com", "  MARIA@Example.com\t")]
    [InlineData("Maria@EXAMPLE.com", "maria@example.com")]
    public async Task The_same_email_in_another_case_or_with_whitespace_merges(string first, string second)
    {
        var owner = await app.SignupAsync();
        var created = await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Maria", email = first });

        var (response, merged) = await LeadsApi.CaptureAsync(owner.Client, new { email = second, source = "website" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        merged.GetProperty("id").GetGuid().ShouldBe(created.GetProperty("id").GetGuid());
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("(916) 555-0142", "916.555.0142")]
    [InlineData("+1 916 555 0142", "19165550142")]
    [InlineData("916-555-0142 ext. 7", "+19165550142")]
    public async Task The_same_phone_in_another_format_merges(string first, string second)
    {
        var owner = await app.SignupAsync();
        var created = await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Sam", phone = first });

        var (response, merged) = await LeadsApi.CaptureAsync(owner.Client, new { phone = second, email = "sam@example.com" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        merged.GetProperty("id").GetGuid().ShouldBe(created.GetProperty("id").GetGuid());
        merged.GetProperty("emails")[0].GetString().ShouldBe("sam@example.com", "a new e-mail is added to the lead");
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task The_callers_external_id_merges_even_with_new_contact_details()
    {
        var owner = await app.SignupAsync();
        var created = await LeadsApi.CreatedAsync(owner.Client, new { externalId = "zillow-123", email = "a@example.com" });

        var (response, merged) = await LeadsApi.CaptureAsync(owner.Client, new { externalId = "zillow-123", email = "b@example.com" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        merged.GetProperty("id").GetGuid().ShouldBe(created.GetProperty("id").GetGuid());
        merged.GetProperty("emails").EnumerateArray().Select(e => e.GetString()).ShouldBe(["a@example.com", "b@example.com"]);
    }

    [Fact]
    public async Task A_merge_fills_empty_fields_but_never_overwrites_and_records_the_conflict()
    {
        var owner = await app.SignupAsync();
        var created = await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Maria", email = "m@example.com" });
        var id = created.GetProperty("id").GetGuid();

        var (_, merged) = await LeadsApi.CaptureAsync(owner.Client, new
        {
            firstName = "Mary",
            lastName = "Lopez",
            email = "m@example.com",
            tags = new[] { "open-house" },
            source = "open_house",
        });

        merged.GetProperty("firstName").GetString().ShouldBe("Maria", "what the person typed first is kept");
        merged.GetProperty("lastName").GetString().ShouldBe("Lopez", "an empty field is filled");
        merged.GetProperty("source").GetString().ShouldBe("api", "the original source keeps the credit");
        merged.GetProperty("tags")[0].GetString().ShouldBe("open-house");
        var merge = (await LeadsApi.ActivitiesAsync(owner.Client, id)).Single(a => a.GetProperty("type").GetString() == "merge");
        var conflict = merge.GetProperty("data").GetProperty("conflicts").EnumerateArray().Single();
        conflict.GetProperty("field").GetString().ShouldBe("firstName");
        conflict.GetProperty("current").GetString().ShouldBe("\"Mary\"");
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'lead.merged'", owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Twenty_parallel_captures_of_one_person_make_exactly_one_lead()
    {
        var owner = await app.SignupAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => LeadsApi.CaptureAsync(owner.Client, new
        {
            firstName = "Para",
            email = i % 2 == 0 ? "para@example.com" : "PARA@example.com ",
            phone = i % 3 == 0 ? "916-555-0199" : null,
            source = $"portal{i % 4}",
        })));

        results.Count(r => r.Response.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        results.Count(r => r.Response.StatusCode == HttpStatusCode.OK).ShouldBe(19);
        results.Select(r => r.Body.GetProperty("id").GetGuid()).Distinct().Count().ShouldBe(1);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_lead_from_an_archived_source_is_accepted_and_ignored()
    {
        var owner = await app.SignupAsync();
        (await owner.Client.PutAsync("/api/v1/lead-sources/craigslist", JsonContent(new { archived = true }))).EnsureSuccessStatusCode();

        var (response, _) = await LeadsApi.CaptureAsync(owner.Client, new { email = "x@example.com", source = "Craigslist" });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(0);
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object value) => System.Net.Http.Json.JsonContent.Create(value);
}
