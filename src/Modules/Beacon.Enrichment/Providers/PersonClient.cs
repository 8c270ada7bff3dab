using System.Net;
using System.Text.Json;
using Beacon.Contracts.Leads;

namespace Beacon.Enrichment.Providers;

/// <summary>People Data Labs-style person enrichment by e-mail or phone; cold lookups answer <c>202</c> and are polled.</summary>
internal sealed class PersonClient(HttpClient http, ProviderOptions options) : IEnrichmentProvider
{
    public string Name => ProviderNames.Person;

    public ProviderInput? InputFor(LeadSnapshot lead, CreditConsent? consent)
    {
        if (lead.Emails.FirstOrDefault(e => e.Contains('@', StringComparison.Ordinal)) is { } email)
        {
            var key = email.Trim().ToLowerInvariant();
            return new ProviderInput(Name, "email:" + key, new PersonRequest(key, null));
        }

        var digits = lead.Phones.Select(p => new string(p.Where(char.IsAsciiDigit).ToArray()))
            .Select(d => d.Length == 11 && d[0] == '1' ? d[1..] : d)
            .FirstOrDefault(d => d.Length == 10);
        return digits is null ? null : new ProviderInput(Name, "phone:" + digits, new PersonRequest(null, digits));
    }

    public Task<ProviderOutcome> CallAsync(ProviderInput input, string? pollLocation, CancellationToken ct)
    {
        var r = (PersonRequest)input.Request;
        var uri = pollLocation?.TrimStart('/') ?? (r.Email is not null
            ? $"person/v2/enrich?email={Uri.EscapeDataString(r.Email)}"
            : $"person/v2/enrich?phone={Uri.EscapeDataString(r.Phone!)}");
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("X-Api-Key", options.ApiKey);
        return ProviderHttp.SendAsync(http, request, Interpret, ct);
    }

    private static ProviderOutcome? Interpret(HttpStatusCode status, JsonElement body, HttpResponseMessage response)
    {
        if (status == HttpStatusCode.Accepted)
        {
            var location = response.Headers.Location?.OriginalString;
            return location is null
                ? ProviderOutcome.Retry("202 without Location")
                : ProviderOutcome.Accepted(location, ProviderHttp.RetryAfter(response));
        }

        if (status != HttpStatusCode.OK || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("data", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var c = Math.Clamp((body.Number("likelihood") ?? 5) / 10, 0.1, 1);
        var fields = new FieldList(ProviderNames.Person)
            .Add("fullName", d.Text("full_name"), c)
            .Add("firstName", d.Text("first_name"), c)
            .Add("lastName", d.Text("last_name"), c)
            .Add("title", d.Text("job_title"), c)
            .Add("employer", d.Text("job_company_name"), c)
            .Add("industry", d.Text("job_company_industry"), c)
            .Add("location", d.Text("location_name"), c)
            .Add("linkedin", d.Text("linkedin_url"), c)
            .Add("twitter", d.Text("twitter_url"), c)
            .Add("facebook", d.Text("facebook_url"), c);
        return ProviderOutcome.Match(fields.Fields);
    }
}
