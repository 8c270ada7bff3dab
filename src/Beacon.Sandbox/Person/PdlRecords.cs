namespace Beacon.Sandbox.Person;

// People Data Labs-style bodies (serialised snake_case). As PDL does, names and places are lower case, and
// social URLs carry no scheme ("linkedin.com/in/…"). A missing profile is null, not an empty string.

internal sealed record PdlMatch(int Status, int Likelihood, PdlPerson Data);

internal sealed record PdlPending(int Status, string Id, string Message, int RetryAfterSeconds);

internal sealed record PdlPerson(
    string Id,
    string FullName,
    string FirstName,
    string LastName,
    string Sex,
    int BirthYear,
    string JobTitle,
    string JobCompanyName,
    string JobCompanyIndustry,
    string JobCompanyWebsite,
    string LocationName,
    string LocationLocality,
    string LocationRegion,
    string LocationCountry,
    string? LinkedinUrl,
    string? LinkedinUsername,
    string? TwitterUrl,
    string? TwitterUsername,
    string? FacebookUrl,
    string? FacebookUsername,
    IReadOnlyList<PdlEmail> Emails,
    IReadOnlyList<string> PhoneNumbers);

internal sealed record PdlEmail(string Address, string Type);
