using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using MimeKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>
/// Signup answers alike whether or not the address has an account, and so does accept-invitation (whose token the
/// inviting admin holds too): only the mailbox learns which, by e-mail (ADR 0009).
/// </summary>
public sealed class SignupPrivacyTests(BeaconApp app)
{
    private const string AlreadyRegistered = "You already have a Beacon account";

    private static object SignupBody(string email, string brokerage) =>
        new { brokerageName = brokerage, displayName = "Someone", email, password = ApiClient.Password };

    private static Task<IReadOnlyList<MimeMessage>> WaitForSubjectAsync(string address, string subject) =>
        Poller.UntilAsync(() => Task.FromResult(SmtpSink.Shared.MessagesTo(address)), m => m.Any(x => x.Subject == subject),
            TimeSpan.FromSeconds(60), $"an e-mail \"{subject}\" to {address}");

    private static async Task ShouldAnswerAlikeAsync(HttpResponseMessage registered, HttpResponseMessage fresh)
    {
        var registeredBody = await registered.Content.ReadAsStringAsync();
        registered.StatusCode.ShouldBe(HttpStatusCode.Accepted, registeredBody);
        fresh.StatusCode.ShouldBe(registered.StatusCode);
        (await fresh.Content.ReadAsStringAsync()).ShouldBe(registeredBody);
        registeredBody.ShouldBe("""{"status":"confirmation_sent"}""");
        fresh.Content.Headers.ContentType.ShouldBe(registered.Content.Headers.ContentType);
        fresh.Headers.Select(h => h.Key).Order().ShouldBe(registered.Headers.Select(h => h.Key).Order());
        fresh.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task Signup_answers_a_registered_and_a_new_address_alike_and_only_the_mailbox_learns_which()
    {
        var owner = await app.SignupAsync();
        var fresh = $"new-{Guid.NewGuid():N}@example.test";
        var copycat = $"Copycat Realty {Guid.NewGuid():N}";

        var registered = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/signup", SignupBody(owner.Email.ToUpperInvariant(), copycat));
        var first = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/signup", SignupBody(fresh, copycat));

        await ShouldAnswerAlikeAsync(registered, first);
        (await WaitForSubjectAsync(owner.Email, AlreadyRegistered)).Single(m => m.Subject == AlreadyRegistered)
            .TextBody!.ShouldContain("/signin");
        (await SmtpSink.WaitForLinkTokenAsync(fresh, "/signup/confirm")).ShouldStartWith("bsc_");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.pending_accounts WHERE email = $1", owner.Email))
            .ShouldBe(0, "a registered address gets an e-mail and nothing else");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.tenants WHERE name = $1", copycat))
            .ShouldBe(0, "no brokerage exists before its owner confirms");
    }

    [Fact]
    public async Task A_signup_confirmation_link_creates_the_brokerage_signs_the_owner_in_and_works_once()
    {
        var email = $"confirm-{Guid.NewGuid():N}@example.test";
        var brokerage = $"Confirmed Realty {Guid.NewGuid():N}";
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/signup", SignupBody(email, brokerage))).StatusCode
            .ShouldBe(HttpStatusCode.Accepted);
        var token = await SmtpSink.WaitForLinkTokenAsync(email, "/signup/confirm");

        var confirmed = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/signup/confirm", new { token });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Created, await confirmed.Content.ReadAsStringAsync());
        var tokens = (await confirmed.Content.ReadFromJsonAsync<Tokens>(ApiClient.Json))!;
        var me = await app.Anonymous().WithBearer(tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);
        me.GetProperty("email").GetString().ShouldBe(email);
        me.GetProperty("role").GetString().ShouldBe("owner");
        me.GetProperty("tenant").GetProperty("name").GetString().ShouldBe(brokerage);
        (await ApiClient.LoginAsync(app.Anonymous(), email, ApiClient.Password)).AccessToken.ShouldNotBeNullOrEmpty();

        await ShouldBeBadTokenAsync(await app.Anonymous().PostAsJsonAsync("/api/v1/auth/signup/confirm", new { token }));
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.tenants WHERE name = $1", brokerage)).ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/v1/auth/signup/confirm", "bsc_")]
    [InlineData("/api/v1/auth/accept-invitation/confirm", "bic_")]
    public async Task An_unknown_or_malformed_confirmation_token_is_400_naming_the_token(string route, string prefix)
    {
        await ShouldBeBadTokenAsync(await app.Anonymous().PostAsJsonAsync(route,
            new { token = prefix + Guid.NewGuid().ToString("N") + new string('A', 43) }));
        await ShouldBeBadTokenAsync(await app.Anonymous().PostAsJsonAsync(route, new { token = "not-a-token" }));
    }

    [Fact]
    public async Task Accepting_an_invitation_answers_alike_whether_the_address_is_registered_elsewhere()
    {
        var inviter = await app.SignupAsync("Inviting Realty");
        var elsewhere = await app.SignupAsync("Other Realty");
        var fresh = $"invitee-{Guid.NewGuid():N}@example.test";

        var registered = await AcceptAsync(await InviteAsync(inviter, elsewhere.Email));
        var first = await AcceptAsync(await InviteAsync(inviter, fresh));

        await ShouldAnswerAlikeAsync(registered, first);
        (await WaitForSubjectAsync(elsewhere.Email, AlreadyRegistered)).Single(m => m.Subject == AlreadyRegistered)
            .TextBody!.ShouldContain("Inviting Realty");
        (await SmtpSink.WaitForLinkTokenAsync(fresh, "/accept-invitation/confirm")).ShouldStartWith("bic_");
        (await app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM identity.invitations WHERE tenant_id = $1 AND accepted_at IS NOT NULL", inviter.TenantId))
            .ShouldBe(0, "nobody has joined before confirming");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.pending_accounts WHERE email = $1", elsewhere.Email))
            .ShouldBe(0, "a registered address gets an e-mail and nothing else");
    }

    [Fact]
    public async Task An_invitation_confirmation_link_joins_the_brokerage_with_the_invited_role_once()
    {
        var inviter = await app.SignupAsync("Joining Realty");
        var email = $"joiner-{Guid.NewGuid():N}@example.test";
        (await AcceptAsync(await InviteAsync(inviter, email))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = await SmtpSink.WaitForLinkTokenAsync(email, "/accept-invitation/confirm");

        var confirmed = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/accept-invitation/confirm", new { token });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Created, await confirmed.Content.ReadAsStringAsync());
        var tokens = (await confirmed.Content.ReadFromJsonAsync<Tokens>(ApiClient.Json))!;
        var me = await app.Anonymous().WithBearer(tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);
        me.GetProperty("email").GetString().ShouldBe(email);
        me.GetProperty("role").GetString().ShouldBe("agent");
        me.GetProperty("tenant").GetProperty("id").GetGuid().ShouldBe(inviter.TenantId);

        await ShouldBeBadTokenAsync(await app.Anonymous().PostAsJsonAsync("/api/v1/auth/accept-invitation/confirm", new { token }));
    }

    private static async Task<string> InviteAsync(TenantSession inviter, string email)
    {
        var invite = await inviter.Client.PostAsJsonAsync("/api/v1/users/invitations", new { email, role = "agent" });
        await invite.EnsureSuccessAsync();
        return (await invite.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("token").GetString()!;
    }

    private Task<HttpResponseMessage> AcceptAsync(string token) => app.Anonymous().PostAsJsonAsync("/api/v1/auth/accept-invitation",
        new { token, displayName = "Invited Agent", password = ApiClient.Password });

    private static async Task ShouldBeBadTokenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("token", out _).ShouldBeTrue(body);
    }
}
