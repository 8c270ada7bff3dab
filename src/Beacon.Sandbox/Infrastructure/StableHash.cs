using System.Security.Cryptography;
using System.Text;

namespace Beacon.Sandbox.Infrastructure;

/// <summary>
/// Every "random" answer of the sandbox is drawn from a hash of its normalised input, so the same lead gets the
/// same answer on every run, on every machine (string.GetHashCode is randomised per process, hence SHA-256).
/// </summary>
internal static class StableHash
{
    public static ulong Of(string input)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(input), digest);
        return BitConverter.ToUInt64(digest[..8]);
    }

    public static string Hex(string input, int length)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
        return hex[..length];
    }

    /// <summary>A second independent draw from the same input, for when one hash must feed several fields.</summary>
    public static ulong Of(string input, string salt) => Of(salt + "\u001f" + input);

    /// <summary>Uniform value in [0, 1).</summary>
    public static double Unit(string input, string salt) => (Of(input, salt) >> 11) * (1.0 / (1UL << 53));
}
