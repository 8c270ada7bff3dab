using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

public sealed class SignupAndSessionTests(BeaconApp app)
{
    [Fact]
    public async Task Signup_creates_the_brokerage_and_its_owner()
    {
        var session = await app.SignupAsync("Harbour Homes");

        var me = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);

        me.GetProperty("email").GetString().ShouldBe(session.Email);
        me.GetProperty("role").GetString().ShouldBe("owner");
        me.GetProperty("tenant").GetProperty("name").GetString().ShouldBe("Harbour Homes");
    }

    [Fact]
    public async Task Signup_login_refresh_then_reusing_the_old_refresh_token_revokes_the_whole_family()
    {
        var session = await app.SignupAsync();
        var anonymous = app.Anonymous();
        var login = await ApiClient.LoginAsync(anonymous, session.Email, session.Password);

        var first = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken });
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rotated = (await first.Content.ReadFromJsonAsync<Tokens>(ApiClient.Json))!;
        rotated.RefreshToken.ShouldNotBe(login.RefreshToken);

        var reuse = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.RefreshToken });
        reuse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var afterReuse = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated.RefreshToken });
        afterReuse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the reuse revoked the token issued after it too");

        var otherSession = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.Tokens.RefreshToken });
        otherSession.StatusCode.ShouldBe(HttpStatusCode.OK, "the sign-up session is another family and stays valid");
    }

    [Fact]
    public async Task Logout_ends_the_session_of_its_refresh_token()
    {
        var session = await app.SignupAsync();
        var anonymous = app.Anonymous();

        (await anonymous.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = session.Tokens.RefreshToken }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.Tokens.RefreshToken }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_address_answer_alike_and_repeated_failures_lock_the_address()
    {
        var session = await app.SignupAsync();
        var anonymous = app.Anonymous();

        var unknown = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.test", password = "whatever-123" });
        var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = session.Email, password = "wrong-password-1" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var wrongProblem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        unknownProblem.GetProperty("title").GetString().ShouldBe(wrongProblem.GetProperty("title").GetString());

        HttpResponseMessage last = wrong;
        for (var i = 0; i < 4; i++)
        {
            last = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = session.Email, password = "wrong-password-1" });
        }

        last.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.ShouldNotBeNull();
        var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = session.Email, password = session.Password });
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "even the right password waits out the lock");
    }
}
