using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.Identity.Tokens;

/// <summary>
/// The signing-key store as IdentityModel's configuration source. Each validation asks for the current configuration
/// (the store's published keys, which it re-reads every minute); when a token names a kid that is not among them the
/// token handler calls <see cref="RequestRefresh"/> and validates once more against a fresh read (throttled by the
/// store), so a key another node has just published verifies here without a restart.
/// </summary>
internal sealed class SigningKeyConfiguration : BaseConfigurationManager
{
    private readonly SigningKeyStore _store;
    private readonly string _issuer;
    private volatile bool _refresh;
    private readonly CryptoProviderFactory _crypto = new();
    private volatile KeySet? _current;

    public SigningKeyConfiguration(SigningKeyStore store, IOptions<AuthOptions> options)
    {
        _store = store;
        _issuer = options.Value.Issuer;
        // A key the store no longer publishes must stop verifying at once, not linger as a "last known good" set.
        UseLastKnownGoodConfiguration = false;
        MetadataAddress = "identity.signing_keys";
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel)
    {
        var keys = _refresh ? await _store.ReloadAsync(cancel) : await _store.PublishedAsync(cancel);
        _refresh = false;
        var current = _current;
        // One configuration object per read of the store: the handler retries only when the object changed, and
        // IdentityModel caches its verifiers per key object.
        if (current is null || !ReferenceEquals(current.Source, keys))
        {
            current = new KeySet(keys, _issuer, this);
            _current = current;
        }

        return current;
    }

    /// <summary>
    /// This node's IdentityModel key for signing or verifying with <paramref name="key"/>. Its verifiers are cached
    /// here, not in IdentityModel's process-wide default cache: that cache finds a provider by the key's thumbprint, so
    /// a second server in the same process (tests do this) would sign with this store's <see cref="System.Security.Cryptography.ECDsa"/>
    /// object, or this one with a disposed one of another store.
    /// </summary>
    public SecurityKey SecurityKeyFor(SigningKey key) =>
        new ECDsaSecurityKey(key.Key) { KeyId = key.Kid, CryptoProviderFactory = _crypto };

    public override void RequestRefresh() => _refresh = true;

    private sealed class KeySet : BaseConfiguration
    {
        public KeySet(IReadOnlyList<SigningKey> source, string issuer, SigningKeyConfiguration owner)
        {
            Source = source;
            Issuer = issuer;
            foreach (var key in source)
            {
                SigningKeys.Add(owner.SecurityKeyFor(key));
            }
        }

        public IReadOnlyList<SigningKey> Source { get; }
    }
}
