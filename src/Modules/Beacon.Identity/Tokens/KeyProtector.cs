using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Tokens;

/// <summary>AES-GCM for private signing keys at rest; the key id is bound as associated data.</summary>
internal sealed class KeyProtector
{
    private readonly byte[] _key;

    public KeyProtector(IOptions<AuthOptions> options)
    {
        _key = Convert.FromBase64String(options.Value.KeyEncryptionKey);
        if (_key.Length != 32)
        {
            throw new InvalidOperationException("Beacon:Auth:KeyEncryptionKey must be base64 of exactly 32 bytes.");
        }
    }

    public byte[] Protect(string kid, byte[] plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plaintext.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plaintext, cipher, tag, Encoding.UTF8.GetBytes(kid));
        return [.. nonce, .. tag, .. cipher];
    }

    public byte[] Unprotect(string kid, byte[] protectedBytes)
    {
        var nonce = protectedBytes.AsSpan(0, 12);
        var tag = protectedBytes.AsSpan(12, 16);
        var cipher = protectedBytes.AsSpan(28);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(nonce, cipher, tag, plain, Encoding.UTF8.GetBytes(kid));
        return plain;
    }
}
