using System.Net;
using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>Changing one's password needs the current one, ends every other session and keeps this one going.</summary>
public sealed class ChangePasswordTests(BeaconApp app)
{
    private const string NewPassword = "a-brand-new-passphrase-42";

    [Fact]
    public async Task A_wrong_current_password_is_400_naming_it_and_changes_nothing()
    {
        var owner = await app.SignupAsync();

        await PasswordResetTests.ShouldBeBadAsync(await owner.Client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = "not-my-password-at-all", newPassword = NewPassword }), "currentPassword");

        (await ApiClient.LoginAsync(app.Anonymous(), owner.Email, owner.Password)).AccessToken.ShouldNotBeNullOrEmpty();
        (await owner.Client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password123")]
    [InlineData(ApiClient.Password)]
    public async Task A_weak_or_unchanged_new_password_is_400_naming_newPassword(string newPassword)
    {
        var owner = await app.SignupAsync();

        await PasswordResetTests.ShouldBeBadAsync(await owner.Client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = owner.Password, newPassword }), "newPassword");

        (await ApiClient.LoginAsync(app.Anonymous(), owner.Email, owner.Password)).AccessToken.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Changing_the_password_signs_out_every_other_session_and_answers_tokens_for_this_one()
    {
        var owner = await app.SignupAsync();
        var laptop = await ApiClient.LoginAsync(app.Anonymous(), owner.Email, owner.Password);

        var changed = await owner.Client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = owner.Password, newPassword = NewPassword });

        await changed.EnsureSuccessAsync();
        var tokens = (await changed.Content.ReadFromJsonAsync<Tokens>(ApiClient.Json))!;
        (await app.Anonymous().WithBearer(tokens.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.RefreshToken }))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "this session goes on");
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = laptop.RefreshToken }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the other session ended");
        (await app.Anonymous().WithBearer(laptop.AccessToken).GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = owner.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ApiClient.LoginAsync(app.Anonymous(), owner.Email, NewPassword)).AccessToken.ShouldNotBeNullOrEmpty();
        await Poller.UntilAsync(() => Task.FromResult(SmtpSink.Shared.MessagesTo(owner.Email)),
            m => m.Any(x => x.Subject == "Your Beacon password was changed"), because: "the mailbox is told of the change");
    }

    [Fact]
    public async Task Wrong_current_passwords_are_throttled_like_sign_in()
    {
        var owner = await app.SignupAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await owner.Client.PostAsJsonAsync("/api/v1/me/password",
                new { currentPassword = $"wrong-guess-number-{i}", newPassword = NewPassword })).StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        var locked = await owner.Client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = owner.Password, newPassword = NewPassword });
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        locked.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_api_key_cannot_change_a_password()
    {
        var owner = await app.SignupAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "zap", role = "admin" });
        await created.EnsureSuccessAsync();
        var key = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ApiClient.Json)).GetProperty("key").GetString()!;
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        (await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = owner.Password, newPassword = NewPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PatchAsJsonAsync("/api/v1/me", new { phone = "+1 555 0100 200" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
