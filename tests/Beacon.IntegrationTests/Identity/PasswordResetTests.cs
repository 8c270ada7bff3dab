using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>
/// Forgot password answers alike for any address and e-mails an account's mailbox a single-use, expiring link; the
/// reset sets the password and ends every session (ADR 0022). The e-mails are read from the real SMTP sink.
/// </summary>
public sealed class PasswordResetTests(BeaconApp app)
{
    private const string NewPassword = "a-brand-new-passphrase-42";

    private Task<HttpResponseMessage> ForgotAsync(string email) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });

    private Task<HttpResponseMessage> ResetAsync(string token, string password) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/reset-password", new { token, password });

    [Fact]
    public async Task Forgot_password_answers_a_registered_and_an_unknown_address_alike_and_only_the_account_gets_a_link()
    {
        var owner = await app.SignupAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";

        var registered = await ForgotAsync(owner.Email.ToUpperInvariant());
        var stranger = await ForgotAsync(unknown);

        var body = await registered.Content.ReadAsStringAsync();
        registered.StatusCode.ShouldBe(HttpStatusCode.Accepted, body);
        stranger.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await stranger.Content.ReadAsStringAsync()).ShouldBe(body);
        body.ShouldBe("""{"status":"reset_requested"}""");
        stranger.Headers.Select(h => h.Key).Order().ShouldBe(registered.Headers.Select(h => h.Key).Order());
        (await SmtpSink.WaitForLinkTokenAsync(owner.Email, "/reset-password")).ShouldStartWith("bpr_");
        SmtpSink.Shared.MessagesTo(unknown).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reset_link_sets_the_new_password_once_and_signs_out_every_session()
    {
        var owner = await app.SignupAsync();
        var otherDevice = await ApiClient.LoginAsync(app.Anonymous(), owner.Email, owner.Password);
        (await ForgotAsync(owner.Email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = await SmtpSink.WaitForLinkTokenAsync(owner.Email, "/reset-password");

        var reset = await ResetAsync(token, NewPassword);

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent, await reset.Content.ReadAsStringAsync());
        (await ApiClient.LoginAsync(app.Anonymous(), owner.Email, NewPassword)).AccessToken.ShouldNotBeNullOrEmpty();
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = owner.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old password is gone");
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = otherDevice.RefreshToken }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "every session ended");
        (await owner.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await ShouldBeBadAsync(await ResetAsync(token, "yet-another-passphrase-7"), "token");
        await Poller.UntilAsync(() => Task.FromResult(SmtpSink.Shared.MessagesTo(owner.Email)),
            m => m.Any(x => x.Subject == "Your Beacon password was changed"), because: "the mailbox is told of the change");
    }

    [Fact]
    public async Task A_weak_password_is_400_naming_the_password_and_the_link_keeps_working()
    {
        var owner = await app.SignupAsync();
        (await ForgotAsync(owner.Email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var token = await SmtpSink.WaitForLinkTokenAsync(owner.Email, "/reset-password");

        await ShouldBeBadAsync(await ResetAsync(token, "password123"), "password");
        await ShouldBeBadAsync(await ResetAsync(token, "short"), "password");

        (await ApiClient.LoginAsync(app.Anonymous(), owner.Email, owner.Password)).AccessToken.ShouldNotBeNullOrEmpty();
        (await ResetAsync(token, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("bpr_00000000000000000000000000000000AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("brt_00000000000000000000000000000000AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_or_foreign_reset_token_is_400_naming_the_token(string token) =>
        await ShouldBeBadAsync(await ResetAsync(token, NewPassword), "token");

    [Fact]
    public async Task Forgot_password_sends_one_mailbox_at_most_five_links_an_hour_and_still_answers_alike()
    {
        var owner = await app.SignupAsync();
        for (var i = 0; i < 7; i++)
        {
            (await ForgotAsync(owner.Email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.password_resets WHERE tenant_id = $1", owner.TenantId))
            .ShouldBe(5);
        await SmtpSink.Shared.WaitForAsync(owner.Email, 1 + 5);
    }

    [Fact]
    public async Task A_deactivated_user_gets_no_reset_link()
    {
        var owner = await app.SignupAsync();
        var agent = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "agent");
        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{agent.UserId}", new { active = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await ForgotAsync(agent.Email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.password_resets WHERE tenant_id = $1", owner.TenantId))
            .ShouldBe(0);
    }

    internal static async Task ShouldBeBadAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body);
    }
}
