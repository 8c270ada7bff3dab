using System.Buffers.Text;
using System.Text;
using Beacon.Identity.Tokens;
using Microsoft.AspNetCore.Authentication;

namespace Beacon.Identity.Sso;

/// <summary>
/// The OpenID Connect handler's state and nonce protection with <see cref="KeyProtector"/> (AES-GCM, the
/// configured key every node shares) instead of a node's Data Protection keys: a sign-in started on one node
/// completes on another, and the callback can read which brokerage a state belongs to before it runs the handler.
/// </summary>
internal sealed class KeyProtectedFormat<T>(KeyProtector protector, string purpose, Func<T, byte[]> serialize,
    Func<byte[], T?> deserialize) : ISecureDataFormat<T>
{
    public string Protect(T data) => Protect(data, null);

    public string Protect(T data, string? purpose) =>
        Base64Url.EncodeToString(protector.Protect(Purpose(purpose), serialize(data)));

    public T? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public T? Unprotect(string? protectedText, string? purpose)
    {
        try
        {
            return protectedText is { Length: > 28 }
                ? deserialize(protector.Unprotect(Purpose(purpose), Base64Url.DecodeFromChars(protectedText)))
                : default;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return default; // tampered, truncated or another purpose's: not ours
        }
    }

    private string Purpose(string? extra) => extra is null ? purpose : purpose + "." + extra;
}

internal static class SsoDataFormats
{
    public static KeyProtectedFormat<AuthenticationProperties> State(KeyProtector protector) => new(protector, "sso.state",
        PropertiesSerializer.Default.Serialize, PropertiesSerializer.Default.Deserialize);

    public static KeyProtectedFormat<string> Nonce(KeyProtector protector) => new(protector, "sso.nonce",
        Encoding.UTF8.GetBytes, Encoding.UTF8.GetString);
}
