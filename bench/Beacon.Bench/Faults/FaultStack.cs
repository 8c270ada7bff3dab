using System.Net.Http.Headers;
using Beacon.Bench.Platform;
using Beacon.TestKit;

namespace Beacon.Bench.Faults;

/// <summary>What the scenarios share: node settings (the bench's <c>--set</c> on top), a signed-up brokerage, the load client.</summary>
internal static class FaultStack
{
    public static Dictionary<string, string?> NodeSettings(BenchArgs args, IReadOnlyDictionary<string, string?>? extra = null)
    {
        // The billing scheduler's periodic work is not under test and would only add jobs to the queue being watched.
        var settings = new Dictionary<string, string?>
        {
            ["Beacon:Billing:SchedulerEnabled"] = "false",
        };
        foreach (var (key, value) in (extra ?? new Dictionary<string, string?>()).Concat(args.ServerSettings()))
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<(TenantSession Owner, AuthenticationHeaderValue Bearer)> BrokerageAsync(ServerProcess node)
    {
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = node.BaseAddress }, "Fault Realty");
        return (owner, new AuthenticationHeaderValue("Bearer", owner.Tokens.AccessToken));
    }

    /// <summary>A client whose requests give up after 30 s, not the default 100: an outage must show as an answer or a timeout.</summary>
    public static HttpClient Client(ServerProcess node)
    {
        var client = BenchUsers.LoadClient(node.BaseAddress, 64);
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    public static string RunId(string scenario) => $"{scenario}-{Guid.NewGuid().ToString("N")[..8]}";
}
