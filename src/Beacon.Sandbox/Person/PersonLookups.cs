using System.Collections.Concurrent;
using Beacon.Sandbox.Infrastructure;

namespace Beacon.Sandbox.Person;

/// <summary>
/// Cold lookups in flight. A cold query starts a lookup that becomes ready AsyncDelayMs later (by the injected
/// clock); from then on both its poll URL and a repeated enrich answer 200, as a provider's warmed cache would.
/// The id is derived from the query, so asking again while pending returns the same id. Cleared by reset.
/// </summary>
internal sealed class PersonLookups(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, PendingLookup> _byId = new(StringComparer.Ordinal);

    public PendingLookup Start(PersonQuery query, TimeSpan delay) =>
        _byId.GetOrAdd("lk_" + StableHash.Hex("lookup|" + query.Key, 20), id => new PendingLookup(id, query, time.GetUtcNow() + delay));

    public PendingLookup? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Time left before the lookup is ready; zero or less means ready.</summary>
    public TimeSpan Remaining(PendingLookup lookup) => lookup.ReadyAt - time.GetUtcNow();

    public void Clear() => _byId.Clear();
}

internal sealed record PendingLookup(string Id, PersonQuery Query, DateTimeOffset ReadyAt);
