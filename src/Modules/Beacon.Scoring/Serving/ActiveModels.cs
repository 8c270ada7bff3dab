using System.Collections.Concurrent;
using System.Text.Json;
using Beacon.Learning.Serialization;
using Beacon.Scoring.Features;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Scoring.Serving;

/// <summary>What serving works from: the live versions and the tenant's A/B control (split, kill switch).</summary>
internal sealed record LiveModels(LoadedModel? Champion, LoadedModel? Challenger, ServingControl Control)
{
    public static readonly LiveModels None = new(null, null, ServingControl.Default);
}

/// <summary>
/// Each tenant's champion and challenger, deserialised once per version and kept in memory. Which versions are live,
/// and the tenant's A/B control, are re-read after two seconds (another node may have promoted or flipped the kill
/// switch: ADR 0019) or at once after a change on this node.
/// </summary>
internal sealed class ActiveModels(TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<Guid, Entry> _live = new();
    private readonly ConcurrentDictionary<(Guid Tenant, int Version), LoadedModel> _models = new();

    public void Invalidate(Guid tenantId) => _live.TryRemove(tenantId, out _);

    public async Task<LiveModels> GetAsync(TenantTransaction tx, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_live.TryGetValue(tx.TenantId, out var entry) && now - entry.At < Freshness)
        {
            return entry.Models;
        }

        var rows = await tx.Connection.QueryAsync<(int Version, string Status)>(new CommandDefinition("""
            SELECT version, status FROM scoring.models
             WHERE tenant_id = @tenant AND status IN ('champion', 'challenger')
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        LoadedModel? champion = null, challenger = null;
        foreach (var (version, status) in rows)
        {
            var model = await LoadAsync(tx, version, ct);
            if (status == "champion")
            {
                champion = model;
            }
            else
            {
                challenger = model;
            }
        }

        var control = await ServingControl.ReadAsync(tx.Connection, tx.Transaction, tx.TenantId, ct);
        var models = new LiveModels(champion, challenger, control);
        _live[tx.TenantId] = new Entry(now, models);
        return models;
    }

    public async Task<LoadedModel> LoadAsync(TenantTransaction tx, int version, CancellationToken ct)
    {
        if (_models.TryGetValue((tx.TenantId, version), out var cached))
        {
            return cached;
        }

        var row = await tx.Connection.QuerySingleAsync<(string Pipeline, byte[] Model)>(new CommandDefinition("""
            SELECT pipeline::text, model FROM scoring.models WHERE tenant_id = @tenant AND version = @version
            """, new { tenant = tx.TenantId, version }, tx.Transaction, cancellationToken: ct));
        var loaded = new LoadedModel(version, ModelSerializer.Deserialize(row.Model),
            JsonSerializer.Deserialize<FeaturePipeline>(row.Pipeline, ScoringJson.Options)!);
        _models[(tx.TenantId, version)] = loaded;
        return loaded;
    }

    private sealed record Entry(DateTimeOffset At, LiveModels Models);
}
