using System.Security.Cryptography;
using System.Text;

namespace Beacon.Enrichment.Providers;

/// <summary>
/// What one provider is asked about a lead. <see cref="Canonical"/> is the normalised input; its hash
/// (<see cref="Key"/>) keys the cache and tells whether a change of the lead changed the question.
/// </summary>
internal sealed record ProviderInput(string Provider, string Canonical, object Request)
{
    public string Key { get; } = Hash(Provider, Canonical);

    private static string Hash(string provider, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(provider + "\n" + canonical)));
}

internal sealed record PropertyRequest(string Street, string? City, string? State, string? Zip);

internal sealed record PersonRequest(string? Email, string? Phone);

internal sealed record CreditRequest(string FirstName, string LastName, string Street, string? City, string? State,
    string Zip, DateOnly? DateOfBirth, CreditConsent Consent);

internal sealed record CreditConsent(string NoticeVersion, bool Agreed, DateTimeOffset AgreedAt, string Ip, string Purpose,
    DateOnly? DateOfBirth);
