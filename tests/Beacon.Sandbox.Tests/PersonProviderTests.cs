using System.Net;
using Beacon.Sandbox.Person;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class PersonProviderTests : IDisposable
{
    private readonly SandboxApp _app = new();

    [Fact]
    public async Task A_warm_email_returns_the_same_synthetic_person_every_time()
    {
        var email = FindEmail(q => !q.IsNoMatch(10) && !q.IsCold(4, 1));

        var first = await Json.ReadAsync(await EnrichAsync("email=" + email));
        var second = await Json.ReadAsync(await EnrichAsync("email=" + email.ToUpperInvariant()));

        first.At("status").GetInt32().ShouldBe(200);
        first.At("data.full_name").GetString().ShouldNotBeNullOrWhiteSpace();
        first.At("data.job_company_name").GetString().ShouldNotBeNullOrWhiteSpace();
        first.At("data.emails.0.address").GetString().ShouldBe(email);
        second.At("data.id").GetString().ShouldBe(first.At("data.id").GetString());
    }

    [Fact]
    public async Task A_first_dot_last_email_yields_that_name()
    {
        var email = FindEmail(q => !q.IsNoMatch(10) && !q.IsCold(4, 1), "maria.lopez");

        var body = await Json.ReadAsync(await EnrichAsync("email=" + email));

        body.At("data.full_name").GetString().ShouldBe("maria lopez");
    }

    [Fact]
    public async Task A_phone_in_any_format_is_the_same_person()
    {
        var digits = Enumerable.Range(100, 100).Select(i => $"9165550{i}")
            .First(p => PersonQuery.From(null, p) is { } q && !q.IsNoMatch(10) && !q.IsCold(4, 1));
        var messy = $"+1 ({digits[..3]}) {digits[3..6]}-{digits[6..]}";

        var a = await Json.ReadAsync(await EnrichAsync("phone=" + Uri.EscapeDataString(messy)));
        var b = await Json.ReadAsync(await EnrichAsync("phone=" + digits));

        a.At("status").GetInt32().ShouldBe(200);
        b.At("data.id").GetString().ShouldBe(a.At("data.id").GetString());
        a.At("data.phone_numbers.0").GetString().ShouldBe("+1" + digits);
    }

    [Fact]
    public async Task The_nomatch_domain_and_the_hash_rule_answer_404_not_found()
    {
        var byRule = FindEmail(q => q.IsNoMatch(10));

        using var domain = await EnrichAsync("email=anyone@nomatch.example");
        using var rule = await EnrichAsync("email=" + byRule);

        domain.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        rule.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json.ReadAsync(rule)).At("error.type").GetString().ShouldBe("not_found");
    }

    [Fact]
    public async Task A_cold_lookup_answers_202_until_the_async_delay_has_passed_then_200()
    {
        var email = FindEmail(q => !q.IsNoMatch(10) && q.IsCold(4, 1));

        using var accepted = await EnrichAsync("email=" + email);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var location = accepted.Headers.Location!.ToString();
        location.ShouldStartWith("/person/v2/lookups/lk_");
        accepted.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2)); // 1.5 s default, rounded up

        _app.Clock.Advance(TimeSpan.FromMilliseconds(1000));
        using var stillPending = await _app.Person().GetAsync(location, TestContext.Current.CancellationToken);
        stillPending.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        _app.Clock.Advance(TimeSpan.FromMilliseconds(500));
        using var done = await _app.Person().GetAsync(location, TestContext.Current.CancellationToken);
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json.ReadAsync(done)).At("data.emails.0.address").GetString().ShouldBe(email);

        using var warm = await EnrichAsync("email=" + email);
        warm.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Polling_an_unknown_lookup_is_404_and_a_request_without_input_is_400()
    {
        using var unknown = await _app.Person().GetAsync("/person/v2/lookups/lk_nope", TestContext.Current.CancellationToken);
        using var empty = await EnrichAsync("email=not-an-email");

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json.ReadAsync(empty)).At("error.type").GetString().ShouldBe("invalid_request_error");
    }

    [Fact]
    public async Task A_wrong_key_is_401_authentication_error()
    {
        using var response = await _app.Person("wrong")
            .GetAsync("/person/v2/enrich?email=a@b.com", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Json.ReadAsync(response)).At("error.type").GetString().ShouldBe("authentication_error");
    }

    public void Dispose() => _app.Dispose();

    /// <summary>Finds an input that falls under a rule, using the sandbox's own documented hash rule.</summary>
    internal static string FindEmail(Func<PersonQuery, bool> rule, string local = "lead") =>
        Enumerable.Range(0, 1000)
            .Select(i => $"{local}@test{i}.com")
            .First(e => rule(PersonQuery.From(e, null)!));

    private Task<HttpResponseMessage> EnrichAsync(string query) =>
        _app.Person().GetAsync("/person/v2/enrich?" + query, TestContext.Current.CancellationToken);
}
