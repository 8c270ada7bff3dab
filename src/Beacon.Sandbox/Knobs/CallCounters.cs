using System.Collections.Concurrent;

namespace Beacon.Sandbox.Knobs;

/// <summary>
/// Counts every call that reached a provider route, so a test can prove that a cache hit made no call.
/// A call is counted when it arrives (before latency and faults); its status is counted when the response starts.
/// </summary>
internal sealed class CallCounters
{
    private readonly ConcurrentDictionary<(string Provider, string Key), int> _counts = new();

    public void Arrived(string provider, string endpoint)
    {
        Increment(provider, "calls");
        Increment(provider, "endpoint:" + endpoint);
    }

    /// <summary>Status 0 stands for a reset connection (no response at all).</summary>
    public void Answered(string provider, int status)
    {
        Increment(provider, "status:" + (status == 0 ? "reset" : status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (status == StatusCodes.Status200OK)
        {
            // Providers bill only answers with data; 202, 404 and every error are free.
            Increment(provider, "billable");
        }
    }

    public void Clear() => _counts.Clear();

    public CallsSnapshot Snapshot(IEnumerable<string> providers)
    {
        var items = _counts.ToArray();
        var result = new SortedDictionary<string, ProviderCalls>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            var mine = items.Where(i => i.Key.Provider == provider).ToArray();
            result[provider] = new ProviderCalls(
                Calls: Sum(mine, "calls"),
                Billable: Sum(mine, "billable"),
                Endpoints: Group(mine, "endpoint:"),
                Statuses: Group(mine, "status:"));
        }

        return new CallsSnapshot(result.Values.Sum(p => p.Calls), result);
    }

    private void Increment(string provider, string key) =>
        _counts.AddOrUpdate((provider, key), 1, (_, n) => n + 1);

    private static int Sum(KeyValuePair<(string Provider, string Key), int>[] items, string key) =>
        items.Where(i => i.Key.Key == key).Sum(i => i.Value);

    private static SortedDictionary<string, int> Group(KeyValuePair<(string Provider, string Key), int>[] items, string prefix) =>
        new(items.Where(i => i.Key.Key.StartsWith(prefix, StringComparison.Ordinal))
                 .ToDictionary(i => i.Key.Key[prefix.Length..], i => i.Value), StringComparer.Ordinal);
}

internal sealed record ProviderCalls(
    int Calls, int Billable, SortedDictionary<string, int> Endpoints, SortedDictionary<string, int> Statuses);

internal sealed record CallsSnapshot(int Total, SortedDictionary<string, ProviderCalls> Providers);
