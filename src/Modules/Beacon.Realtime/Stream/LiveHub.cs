using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Beacon.Realtime.Stream;

/// <summary>
/// This node's watchers by tenant. LISTENs on <c>beacon_live</c> and advances the feed of every announced tenant
/// that someone here watches; feeds of tenants nobody watches are dropped.
/// </summary>
internal sealed partial class LiveHub(NpgsqlDataSource dataSource, StreamStore store, ILogger<LiveHub> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, TenantFeed> _feeds = new();

    public int Connections => _feeds.Values.Sum(f => Volatile.Read(ref f.Watchers));

    /// <summary>Joins a tenant's feed; dispose the lease to leave.</summary>
    public async Task<FeedLease> JoinAsync(Guid tenantId, CancellationToken ct)
    {
        if (_feeds.TryGetValue(tenantId, out var watched))
        {
            // The feed is kept current by announcements: a new watcher costs no database round trip.
            Interlocked.Increment(ref watched.Watchers);
            return new FeedLease(watched, this);
        }

        var (current, _) = await store.PositionAsync(tenantId, ct);
        var feed = _feeds.GetOrAdd(tenantId, id => new TenantFeed(id, store, current));
        Interlocked.Increment(ref feed.Watchers);
        await feed.AdvanceAsync(current, ct);
        return new FeedLease(feed, this);
    }

    internal void Leave(TenantFeed feed)
    {
        if (Interlocked.Decrement(ref feed.Watchers) == 0)
        {
            _feeds.TryRemove(new KeyValuePair<Guid, TenantFeed>(feed.TenantId, feed));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, n) => _ = AnnounceAsync(n.Payload, stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {StreamSequencer.Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Catch up on anything announced while we were not listening.
                foreach (var feed in _feeds.Values)
                {
                    var (current, _) = await store.PositionAsync(feed.TenantId, stoppingToken);
                    await feed.AdvanceAsync(current, stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                LogListenerLost(e);
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(1), stoppingToken));
            }
        }
    }

    private async Task AnnounceAsync(string payload, CancellationToken ct)
    {
        foreach (var pair in payload.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && Guid.TryParseExact(pair.AsSpan(0, colon), "N", out var tenant)
                && long.TryParse(pair.AsSpan(colon + 1), out var cursor) && _feeds.TryGetValue(tenant, out var feed))
            {
                try
                {
                    await feed.AdvanceAsync(cursor, ct);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
                {
                    LogAdvanceFailed(e, tenant);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Live listener lost its connection; reconnecting")]
    private partial void LogListenerLost(Exception e);

    [LoggerMessage(LogLevel.Warning, "Could not read the new stream rows of tenant {TenantId}; watchers catch up on the next announcement")]
    private partial void LogAdvanceFailed(Exception e, Guid tenantId);
}

internal sealed class FeedLease(TenantFeed feed, LiveHub hub) : IDisposable
{
    public TenantFeed Feed { get; } = feed;

    public void Dispose() => hub.Leave(Feed);
}
