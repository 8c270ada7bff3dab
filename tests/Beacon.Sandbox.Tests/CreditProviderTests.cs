using System.Net;
using System.Net.Http.Json;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class CreditProviderTests : IDisposable
{
    private static readonly string[] Bands = ["300-579", "580-669", "670-739", "740-799", "800-850"];

    private readonly SandboxApp _app = new();

    private static object Consent(string agreedAt = "2026-11-20T09:30:00Z", string ip = "203.0.113.7", string purpose = "prequalification") =>
        new { noticeVersion = "fcra-2026-01", agreedAt, ip, purpose };

    private static object Request(object? consent, string lastName = "Lopez") => new
    {
        firstName = "Maria",
        lastName,
        address = new { line1 = "3526 High St", city = "Sacramento", state = "CA", zip = "95838" },
        dob = "1985-04-12",
        consent,
    };

    [Fact]
    public async Task A_consented_soft_pull_returns_a_band_tradelines_and_a_stable_decision_id()
    {
        var first = await Json.ReadAsync(await PostAsync(Request(Consent())));
        var second = await Json.ReadAsync(await PostAsync(Request(Consent(agreedAt: "2026-11-19T08:00:00Z"))));

        first.At("pullType").GetString().ShouldBe("soft");
        first.At("decisionId").GetString()!.ShouldStartWith("pq_");
        second.At("decisionId").GetString().ShouldBe(first.At("decisionId").GetString());
        if (first.At("status").GetString() == "completed")
        {
            first.At("scoreBand").GetString().ShouldBeOneOf(Bands);
            first.At("tradelines.total").GetInt32().ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task Different_people_get_different_decisions()
    {
        var ids = new HashSet<string>();
        foreach (var name in new[] { "Lopez", "Nguyen", "Smith", "Patel" })
        {
            ids.Add((await Json.ReadAsync(await PostAsync(Request(Consent(), name)))).At("decisionId").GetString()!);
        }

        ids.Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_pull_without_consent_is_refused_with_CONSENT_REQUIRED()
    {
        using var response = await PostAsync(Request(consent: null));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await Json.ReadAsync(response)).At("errors.0");
        error.At("code").GetString().ShouldBe("CONSENT_REQUIRED");
        error.At("field").GetString().ShouldBe("consent");
    }

    [Fact]
    public async Task An_invalid_consent_names_each_bad_field()
    {
        using var response = await PostAsync(Request(Consent(agreedAt: "2026-12-25T00:00:00Z", ip: "not-an-ip", purpose: "marketing")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Json.ReadAsync(response)).At("errors").EnumerateArray().ToArray();
        errors.ShouldAllBe(e => e.GetProperty("code").GetString() == "CONSENT_INVALID");
        errors.Select(e => e.GetProperty("field").GetString())
            .ShouldBe(["consent.agreedAt", "consent.ip", "consent.purpose"], ignoreOrder: true);
    }

    [Fact]
    public async Task Malformed_json_is_400_in_the_bureau_style()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await _app.Credit().PostAsync("/credit/v1/prequalify", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json.ReadAsync(response)).At("errors.0.code").GetString().ShouldBe("MALFORMED_REQUEST");
    }

    [Fact]
    public async Task A_wrong_bearer_token_is_401_with_a_challenge()
    {
        using var response = await _app.Credit("wrong").PostAsJsonAsync(
            "/credit/v1/prequalify", Request(Consent()), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        (await Json.ReadAsync(response)).At("errors.0.code").GetString().ShouldBe("UNAUTHORIZED");
    }

    public void Dispose() => _app.Dispose();

    private Task<HttpResponseMessage> PostAsync(object body) =>
        _app.Credit().PostAsJsonAsync("/credit/v1/prequalify", body, TestContext.Current.CancellationToken);
}
