using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>Settings → Users: an invitation reaches the invitee by e-mail, and can be resent with a fresh link.</summary>
public sealed class InvitationEmailTests(BeaconApp app)
{
    private static async Task<(Guid Id, string Token)> InviteAsync(TenantSession owner, string email)
    {
        var invite = await owner.Client.PostAsJsonAsync("/api/v1/users/invitations", new { email, role = "agent" });
        await invite.EnsureSuccessAsync();
        var body = await invite.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        return (body.GetProperty("invitation").GetProperty("id").GetGuid(), body.GetProperty("token").GetString()!);
    }

    private Task<HttpResponseMessage> AcceptAsync(string token) => app.Anonymous().PostAsJsonAsync("/api/v1/auth/accept-invitation",
        new { token, displayName = "Invited Agent", password = ApiClient.Password });

    [Fact]
    public async Task An_invitation_is_emailed_with_its_accept_link_naming_the_brokerage()
    {
        var owner = await app.SignupAsync("Lakeside Realty");
        var email = $"invitee-{Guid.NewGuid():N}@example.test";

        var (_, token) = await InviteAsync(owner, email);

        (await SmtpSink.WaitForLinkTokenAsync(email, "/accept-invitation")).ShouldBe(token);
        SmtpSink.Shared.MessagesTo(email).Single().Subject.ShouldBe("You are invited to join Lakeside Realty on Beacon");
    }

    [Fact]
    public async Task Resending_an_invitation_emails_a_new_link_and_the_old_one_stops_working()
    {
        var owner = await app.SignupAsync();
        var email = $"invitee-{Guid.NewGuid():N}@example.test";
        var (id, first) = await InviteAsync(owner, email);

        var resent = await owner.Client.PostAsync($"/api/v1/users/invitations/{id}/resend", null);

        await resent.EnsureSuccessAsync();
        var second = (await resent.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("token").GetString()!;
        second.ShouldNotBe(first);
        var mails = await SmtpSink.Shared.WaitForAsync(email, 2);
        mails.ShouldContain(m => m.TextBody!.Contains(second, StringComparison.Ordinal));
        await PasswordResetTests.ShouldBeBadAsync(await AcceptAsync(first), "token");
        (await AcceptAsync(second)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_revoked_or_unknown_invitation_cannot_be_resent()
    {
        var owner = await app.SignupAsync();
        var (id, _) = await InviteAsync(owner, $"invitee-{Guid.NewGuid():N}@example.test");
        (await owner.Client.DeleteAsync($"/api/v1/users/invitations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await owner.Client.PostAsync($"/api/v1/users/invitations/{id}/resend", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.Client.PostAsync($"/api/v1/users/invitations/{Guid.NewGuid()}/resend", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_cannot_resend_an_owners_invitation_of_an_admin()
    {
        var owner = await app.SignupAsync();
        var admin = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "admin");
        var invite = await owner.Client.PostAsJsonAsync("/api/v1/users/invitations", new { email = $"adm-{Guid.NewGuid():N}@example.test", role = "admin" });
        var id = (await invite.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("invitation").GetProperty("id").GetGuid();

        (await admin.Client.PostAsync($"/api/v1/users/invitations/{id}/resend", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
