using Beacon.Sandbox.Infrastructure;

namespace Beacon.Sandbox.Person;

/// <summary>
/// A person lookup reduced to its canonical key: the e-mail lower-cased and trimmed, else the phone as ten US
/// digits. Every rule (no match, cold, the generated person) hashes this key, so "Maria@X.com " and "maria@x.com"
/// are the same person.
/// </summary>
internal sealed record PersonQuery(string Key, string? Email, string? Phone)
{
    public const string NoMatchDomain = "nomatch.example";

    public ulong Hash => StableHash.Of(Key);

    public static PersonQuery? From(string? email, string? phone)
    {
        var mail = email?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(mail))
        {
            return mail.Contains('@', StringComparison.Ordinal) ? new PersonQuery("email:" + mail, mail, null) : null;
        }

        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        return digits.Length == 10 ? new PersonQuery("phone:" + digits, null, "+1" + digits) : null;
    }

    public bool IsNoMatch(int modulus) =>
        (Email?.EndsWith("@" + NoMatchDomain, StringComparison.Ordinal) ?? false)
        || (modulus > 0 && Hash % (ulong)modulus == 0);

    public bool IsCold(int modulus, int remainder) => modulus > 0 && Hash % (ulong)modulus == (ulong)remainder;
}
