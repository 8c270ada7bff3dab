using System.Net;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

public sealed class ApiSurfaceTests(BeaconApp app)
{
    [Fact]
    public async Task The_openapi_document_names_and_describes_every_identity_route()
    {
        var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Operation: o.Value)))
            .ToList();

        operations.Select(o => o.Path).ShouldContain("/api/v1/auth/login");
        operations.Select(o => o.Path).ShouldContain("/api/v1/api-keys/{id}");
        foreach (var (path, operation) in operations.Where(o => o.Path.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            operation.TryGetProperty("operationId", out _).ShouldBeTrue($"{path} has a name");
            operation.TryGetProperty("summary", out _).ShouldBeTrue($"{path} has a summary");
        }
    }

    [Fact]
    public async Task The_capture_route_says_that_a_merge_into_a_lead_the_caller_may_not_view_answers_id_and_status_only()
    {
        var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var capture = document.GetProperty("paths").GetProperty("/api/v1/leads").GetProperty("post");

        capture.GetProperty("responses").GetProperty("200").GetProperty("description").GetString()!
            .ShouldContain("may not view that lead");
        capture.GetProperty("description").GetString()!.ShouldContain("\"status\": \"merged\"");
    }

    [Theory]
    [InlineData("/api/v1/auth/signup")]
    [InlineData("/api/v1/auth/accept-invitation")]
    public async Task Signup_and_accept_invitation_document_one_answer_whether_or_not_the_address_is_registered(string route)
    {
        var paths = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        var answers = paths.GetProperty(route).GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        answers.ShouldBe(["202", "400"], ignoreOrder: true);
        paths.GetProperty(route + "/confirm").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name)
            .ShouldContain("201", "confirming the e-mailed link signs in");
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_cors_grant()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", "https://evil.example");
        var response = await app.Anonymous().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task The_content_security_policy_lets_scripts_connect_only_to_their_own_origin()
    {
        var response = await app.Anonymous().GetAsync("/health/live");

        var directives = response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries);
        directives.ShouldContain("connect-src 'self'", "'self' covers same-origin ws: and wss: (CSP Level 3); bare ws: wss: allow any host");
        directives.Where(d => d.StartsWith("connect-src", StringComparison.Ordinal)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Readiness_checks_the_database()
    {
        var body = await app.Anonymous().GetStringAsync("/health/ready");
        body.ShouldBe("Healthy");
    }
}
