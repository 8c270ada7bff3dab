namespace Beacon.Identity;

internal static class EmailAddresses
{
    /// <summary>One spelling per mailbox for lookups: trimmed, lower-cased (invariant).</summary>
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();
}
