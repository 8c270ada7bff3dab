using System.Globalization;
using System.Net;
using System.Text;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class ImportScaleTests(BeaconApp app)
{
    [Fact]
    public async Task Twenty_thousand_rows_with_repeats_far_apart_import_every_person_once()
    {
        var owner = await app.SignupAsync();
        await LeadsApi.AddMemberAsync(app, owner, "agent");
        var rng = new Random(7);
        var sb = new StringBuilder("First Name,Last Name,Email,Phone,Source,Type,Stage,Budget,Zip,Tags\r\n");
        for (var i = 0; i < 20_000; i++)
        {
            var person = i % 10 == 9 ? rng.Next(i / 10) * 10 : i;
            var email = i % 10 == 9 ? $"Person{person}@Bench.test" : $"person{person}@bench.test";
            sb.Append(CultureInfo.InvariantCulture,
                $"First{person},Last{person},{email},+1916{2_000_000 + person},zillow,buyer,contacted,{300_000 + (person % 50) * 10_000},958{14 + (person % 20)},bench\r\n");
        }

        var (response, body) = await ImportApi.UploadAsync(app.Anonymous().WithBearer(owner.Tokens.AccessToken), sb.ToString(), key: "scale-1");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, body.ToString());
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(18_000);
    }
}
