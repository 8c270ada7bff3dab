namespace Beacon.Leads.Model;

/// <summary>
/// Normalises an e-mail address for dedupe: trimmed and lower-cased (providers treat the local part
/// case-insensitively in practice). Provider-specific tricks (dots or "+tags" at Gmail) are kept: they may be
/// different people's addresses at other providers.
/// </summary>
internal static class EmailAddresses
{
    public static bool TryNormalize(string? input, out string email)
    {
        email = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var text = input.Trim().ToLowerInvariant();
        if (text.Length > 254)
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 1 || at != text.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || !local.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c)))
        {
            return false;
        }

        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-')
                || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            || labels[^1].Length < 2 || labels[^1].All(char.IsAsciiDigit))
        {
            return false;
        }

        email = text;
        return true;
    }
}
