using System.Security.Cryptography;

namespace Beacon.Identity.Tokens;

/// <summary>One ES256 key: P-256 ECDSA. Verification keys are published at /.well-known/jwks.json.</summary>
internal sealed class SigningKey(string kid, ECDsa key, DateTimeOffset activatesAt, DateTimeOffset retiresAt) : IDisposable
{
    public string Kid { get; } = kid;

    public ECDsa Key { get; } = key;

    public DateTimeOffset ActivatesAt { get; } = activatesAt;

    public DateTimeOffset RetiresAt { get; } = retiresAt;

    public void Dispose() => Key.Dispose();
}
