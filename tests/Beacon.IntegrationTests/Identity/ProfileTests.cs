using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>Settings → Profile: one's own name, phone and IANA time zone.</summary>
public sealed class ProfileTests(BeaconApp app)
{
    [Fact]
    public async Task A_user_changes_their_name_phone_and_time_zone_and_an_empty_value_clears_one()
    {
        var owner = await app.SignupAsync();
        var agent = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "read_only");

        var changed = await agent.Client.PatchAsJsonAsync("/api/v1/me",
            new { displayName = "  Rita Reader ", phone = "+1 (312) 555-0142", timeZone = "America/Chicago" });

        await changed.EnsureSuccessAsync();
        var me = await agent.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);
        me.GetProperty("displayName").GetString().ShouldBe("Rita Reader");
        me.GetProperty("phone").GetString().ShouldBe("+1 (312) 555-0142");
        me.GetProperty("timeZone").GetString().ShouldBe("America/Chicago");

        await (await agent.Client.PatchAsJsonAsync("/api/v1/me", new { phone = "" })).EnsureSuccessAsync();
        me = await agent.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);
        me.GetProperty("phone").ValueKind.ShouldBe(JsonValueKind.Null);
        me.GetProperty("timeZone").GetString().ShouldBe("America/Chicago", "a field left out stays");
    }

    [Theory]
    [InlineData("timeZone", "Mars/Olympus_Mons")]
    [InlineData("timeZone", "Central Standard Time")]
    [InlineData("phone", "call me maybe")]
    [InlineData("phone", "12")]
    [InlineData("displayName", "   ")]
    public async Task A_bad_profile_field_is_400_naming_it_and_changes_nothing(string field, string value)
    {
        var owner = await app.SignupAsync();
        var body = new Dictionary<string, string> { ["displayName"] = "Changed Name", ["phone"] = "+1 312 555 0100", ["timeZone"] = "Europe/London" };
        body[field] = value;

        await PasswordResetTests.ShouldBeBadAsync(await owner.Client.PatchAsJsonAsync("/api/v1/me", body), field);

        var me = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);
        me.GetProperty("displayName").GetString().ShouldBe("Test Owner");
        me.GetProperty("phone").ValueKind.ShouldBe(JsonValueKind.Null);
        me.GetProperty("timeZone").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
