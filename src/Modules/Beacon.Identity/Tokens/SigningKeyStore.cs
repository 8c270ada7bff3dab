using System.Buffers.Text;
using System.Security.Cryptography;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Tokens;

/// <summary>
/// The deployment's ES256 keys, shared by every node through PostgreSQL. A successor key is created (and
/// published) an hour before it starts signing; a retired key stays published until the last token it signed
/// has expired. Nodes reload every minute, or at once (throttled) when a token names a key they do not know.
/// </summary>
internal sealed class SigningKeyStore(Db db, KeyProtector protector, TimeProvider clock, IOptions<AuthOptions> options)
    : IDisposable
{
    private static readonly TimeSpan ReloadEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan UnknownKidReloadThrottle = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PublishAhead = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SigningKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public async Task<SigningKey> CurrentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = Pick(await KeysAsync(forceReload: false, ct), now);
        if (current is null || current.RetiresAt - now < options.Value.SigningKeyLifetime / 4)
        {
            await EnsureKeysAsync(ct);
            current = Pick(await KeysAsync(forceReload: true, ct), clock.GetUtcNow());
        }

        return current ?? throw new InvalidOperationException("No signing key is active.");
    }

    /// <summary>
    /// The keys read again at once — unless they were read in the last few seconds — because a token named a kid this
    /// node does not know: another node may have just published it. The throttle keeps forged kids off the database.
    /// </summary>
    public Task<IReadOnlyList<SigningKey>> ReloadAsync(CancellationToken ct) =>
        KeysAsync(forceReload: clock.GetUtcNow() - _loadedAt > UnknownKidReloadThrottle, ct);

    public void Dispose()
    {
        _gate.Dispose();
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    public Task<IReadOnlyList<SigningKey>> PublishedAsync(CancellationToken ct) => KeysAsync(false, ct);

    private static SigningKey? Pick(IEnumerable<SigningKey> keys, DateTimeOffset now) => keys
        .Where(k => k.ActivatesAt <= now && now < k.RetiresAt)
        .MaxBy(k => k.ActivatesAt);

    private async Task<IReadOnlyList<SigningKey>> KeysAsync(bool forceReload, CancellationToken ct)
    {
        if (!forceReload && clock.GetUtcNow() - _loadedAt < ReloadEvery)
        {
            return _keys;
        }

        var seen = _loadedAt;
        await _gate.WaitAsync(ct);
        try
        {
            // Every validation asks for the keys: when they go stale, the requests queued here need one read, not one each.
            // (A forced read always reads: it may follow this node's own insert of a key.)
            if (!forceReload && _loadedAt != seen)
            {
                return _keys;
            }

            await using var conn = await db.OpenUnscopedAsync(ct);
            var rows = await conn.QueryAsync<KeyRow>(new CommandDefinition("""
                SELECT kid, public_x AS PublicX, public_y AS PublicY, private_key AS PrivateKey,
                       activates_at AS ActivatesAt, retires_at AS RetiresAt
                  FROM identity.signing_keys WHERE retires_at > now() - @grace
                """, new { grace = options.Value.AccessTokenLifetime + TimeSpan.FromMinutes(5) }, cancellationToken: ct));
            _keys = rows.Select(r =>
            {
                var key = ECDsa.Create();
                key.ImportPkcs8PrivateKey(protector.Unprotect(r.Kid, r.PrivateKey), out _);
                return new SigningKey(r.Kid, key, r.ActivatesAt, r.RetiresAt);
            }).ToList();
            _loadedAt = clock.GetUtcNow();
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnsureKeysAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenUnscopedAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))", transaction: tx, cancellationToken: ct));
        var now = clock.GetUtcNow();
        var newestRetires = await conn.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT max(retires_at) FROM identity.signing_keys", transaction: tx, cancellationToken: ct));
        var lifetime = options.Value.SigningKeyLifetime;
        if (newestRetires is null || newestRetires <= now)
        {
            await InsertAsync(now, now + lifetime);
        }
        else if (newestRetires - now < lifetime / 4)
        {
            await InsertAsync(now + PublishAhead, now + PublishAhead + lifetime);
        }

        await tx.CommitAsync(ct);

        async Task InsertAsync(DateTimeOffset activates, DateTimeOffset retires)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = key.ExportParameters(includePrivateParameters: false);
            var kid = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO identity.signing_keys (kid, public_x, public_y, private_key, created_at, activates_at, retires_at)
                VALUES (@kid, @x, @y, @priv, @now, @activates, @retires)
                """, new
            {
                kid,
                x = Base64Url.EncodeToString(p.Q.X),
                y = Base64Url.EncodeToString(p.Q.Y),
                priv = protector.Protect(kid, key.ExportPkcs8PrivateKey()),
                now,
                activates,
                retires,
            }, tx, cancellationToken: ct));
        }
    }

    private sealed class KeyRow
    {
        public required string Kid { get; init; }

        public required string PublicX { get; init; }

        public required string PublicY { get; init; }

        public required byte[] PrivateKey { get; init; }

        public DateTimeOffset ActivatesAt { get; init; }

        public DateTimeOffset RetiresAt { get; init; }
    }
}
