using System.Text.RegularExpressions;

namespace Beacon.Identity.Sso;

/// <summary>E-mail domains as single sign-on maps them to brokerages: lower case, no trailing dot.</summary>
internal static partial class SsoDomains
{
    public static string Of(string email) => Normalise(email[(email.LastIndexOf('@') + 1)..]);

    public static string Normalise(string domain) => domain.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>A host name of at least two labels (letters, digits, hyphens; an IDN in its xn-- form).</summary>
    public static bool IsValid(string domain) => domain.Length <= 253 && DomainPattern().IsMatch(domain);

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
