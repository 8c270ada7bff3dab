using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Beacon.SharedKernel.Secrets;

/// <summary>
/// Seals secrets a module must read back later (a webhook's signing secret) under the deployment's key-encryption key
/// (<c>Beacon:Auth:KeyEncryptionKey</c>, the key that already protects the token-signing keys): AES-GCM, with the
/// owning row's identity as associated data, so a sealed value copied to another row does not open. A database dump
/// then holds no usable secret. Values stored before sealing existed (no prefix) open as they are.
/// </summary>
public sealed class SecretSeal
{
    private const string Prefix = "sealed:v1:";
    private readonly byte[] _key;

    public SecretSeal(IConfiguration configuration)
    {
        var configured = configuration["Beacon:Auth:KeyEncryptionKey"] ?? "";
        _key = configured.Length == 0 ? [] : Convert.FromBase64String(configured);
        if (_key.Length != 32)
        {
            throw new InvalidOperationException("Beacon:Auth:KeyEncryptionKey must be base64 of exactly 32 bytes.");
        }
    }

    public string Seal(string secret, string owner)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(owner));
        return Prefix + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Open(string stored, string owner)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var bytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var cipher = bytes.AsSpan(28);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(bytes.AsSpan(0, 12), cipher, bytes.AsSpan(12, 16), plain, Encoding.UTF8.GetBytes(owner));
        return Encoding.UTF8.GetString(plain);
    }
}
