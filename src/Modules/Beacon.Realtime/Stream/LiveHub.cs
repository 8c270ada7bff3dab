using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Beacon.Realtime.Stream;

/// <summary>
/// This node's watchers by tenant. LISTENs on <c>beacon_live</c> and advances the feed of every announced tenant
/// that someone here watches; feeds of tenants nobody watches are dropped. One heartbeat clock rings every
/// watcher of the node, so an idle socket holds no timer of its own.
/// </summary>
internal sealed partial class LiveHub(NpgsqlDataSource dataSource, StreamStore store, IOptions<LiveOptions> options,
    TimeProvider clock, IMeterFactory meters, ILogger<LiveHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, TenantFeed> _feeds = new();
    private readonly Lock _membership = new();

    public int Connections => _feeds.Values.Sum(f => f.Watchers);

    /// <summary>Joins a tenant's feed with a bell of its own, rung on news and heartbeats; dispose the lease to leave.</summary>
    public async Task<FeedLease> JoinAsync(Guid tenantId, CancellationToken ct)
    {
        var bell = new Doorbell();
        long? start = null;
        while (true)
        {
            TenantFeed? feed;
            // Joining and the last watcher's leaving are atomic to each other: nobody joins a feed being dropped.
            lock (_membership)
            {
                if (!_feeds.TryGetValue(tenantId, out feed) && start is { } cursor)
                {
                    feed = new TenantFeed(tenantId, store, cursor);
                    _feeds[tenantId] = feed;
                }

                feed?.Watch(bell);
            }

            if (feed is not null)
            {
                return new FeedLease(feed, bell, this);
            }

            // The first watcher of a tenant on this node asks where the stream is; later ones cost no round trip.
            // Rows announced meanwhile are fetched by the next announcement, which reads after the feed's head.
            (start, _) = await store.PositionAsync(tenantId, ct);
        }
    }

    internal void Leave(TenantFeed feed, Doorbell bell)
    {
        lock (_membership)
        {
            if (feed.Unwatch(bell))
            {
                _feeds.TryRemove(new KeyValuePair<Guid, TenantFeed>(feed.TenantId, feed));
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Read at collection time only: the gauge costs nothing between scrapes.
        meters.Create("Beacon.Realtime").CreateObservableUpDownCounter("beacon.live.watchers", () => Connections,
            "{watcher}", "Open live sockets and waiting long-polls on this node.");
        return Task.WhenAll(ListenAsync(stoppingToken), BeatAsync(stoppingToken));
    }

    private async Task BeatAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var feed in _feeds.Values)
                {
                    feed.Beat();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
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

internal sealed class FeedLease(TenantFeed feed, Doorbell bell, LiveHub hub) : IDisposable
{
    public TenantFeed Feed { get; } = feed;

    public Doorbell Bell { get; } = bell;

    public void Dispose() => hub.Leave(Feed, Bell);
}
