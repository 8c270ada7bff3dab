using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Leads;
using Beacon.Enrichment.Normalisation;

namespace Beacon.Enrichment.Providers;

/// <summary>Soft-pull pre-qualification: asked only with a recorded FCRA-style consent, which travels with the request.</summary>
internal sealed class CreditClient(HttpClient http, ProviderOptions options) : IEnrichmentProvider
{
    public string Name => ProviderNames.Credit;

    public ProviderInput? InputFor(LeadSnapshot lead, CreditConsent? consent)
    {
        var a = lead.PropertyAddress;
        var zip = AddressNormalizer.Zip(a?.Zip ?? (lead.ZipCodes.Count > 0 ? lead.ZipCodes[0] : null));
        if (consent is null || lead.FirstName is not { Length: > 0 } first || lead.LastName is not { Length: > 0 } last
            || a?.Street is not { Length: > 0 } street || zip is null)
        {
            return null;
        }

        var canonical = string.Join('|', first.Trim().ToUpperInvariant(), last.Trim().ToUpperInvariant(), zip,
            consent.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new ProviderInput(Name, canonical,
            new CreditRequest(first.Trim(), last.Trim(), street, a.City, a.State, zip, consent.DateOfBirth, consent));
    }

    public Task<ProviderOutcome> CallAsync(ProviderInput input, string? pollLocation, CancellationToken ct)
    {
        var r = (CreditRequest)input.Request;
        var request = new HttpRequestMessage(HttpMethod.Post, "credit/v1/prequalify")
        {
            Content = JsonContent.Create(new
            {
                firstName = r.FirstName,
                lastName = r.LastName,
                address = new { line1 = r.Street, city = r.City, state = r.State, zip = r.Zip },
                dob = r.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ssnLast4 = (string?)null,
                consent = new
                {
                    noticeVersion = r.Consent.NoticeVersion,
                    agreedAt = r.Consent.AgreedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
                    ip = r.Consent.Ip,
                    purpose = r.Consent.Purpose,
                },
            }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + options.ApiKey);
        return ProviderHttp.SendAsync(http, request, Interpret, ct);
    }

    private static ProviderOutcome? Interpret(HttpStatusCode status, JsonElement body, HttpResponseMessage response)
    {
        if (status == HttpStatusCode.BadRequest)
        {
            var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0 ? errors[0].Text("code") : null;
            return ProviderOutcome.Failed($"400 {code}");
        }

        if (status != HttpStatusCode.OK || body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (body.Text("status") == "no_hit")
        {
            return ProviderOutcome.NoMatch("no_hit (thin file)", billable: true);
        }

        var fields = new FieldList(ProviderNames.Credit)
            .Add("band", body.Text("scoreBand"), 0.9)
            .Add("prequalified", body.Bool("prequalified"), 0.9)
            .Add("scoreModel", body.Text("scoreModel"), 1)
            .Add("pullType", body.Text("pullType"), 1)
            .Add("decisionId", body.Text("decisionId"), 1);
        return ProviderOutcome.Match(fields.Fields);
    }
}
