using System.Text.RegularExpressions;

namespace Beacon.Assistant.Provider;

/// <summary>
/// Masks e-mail addresses and phone numbers in text bound for an external model (ADR 0030): the model needs names
/// and figures to answer, never a way to reach the person.
/// </summary>
internal static partial class PiiMask
{
    public const string Email = "[email]";
    public const string Phone = "[phone]";

    public static string Apply(string text) => PhoneNumber().Replace(EmailAddress().Replace(text, Email), Phone);

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailAddress();

    // North American numbers in any usual punctuation, with or without +1, and any E.164 number; not dates or sums.
    [GeneratedRegex(@"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?!\w)|\+\d{8,15}(?!\w)")]
    private static partial Regex PhoneNumber();
}
