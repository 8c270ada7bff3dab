using System.Net;
using Beacon.TestKit;

namespace Beacon.Bench.Platform;

/// <summary>Brokerages signed up for a benchmark (one owner each), and the shared HTTP client of the load.</summary>
internal static class BenchUsers
{
    public static HttpClient LoadClient(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Signs up <paramref name="count"/> brokerages, two at a time (each signup hashes a password).</summary>
    public static async Task<IReadOnlyList<TenantSession>> SignupAsync(Uri baseAddress, int count, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(2);
        var created = new List<HttpClient>();
        HttpClient Create()
        {
            var client = new HttpClient { BaseAddress = baseAddress };
            lock (created)
            {
                created.Add(client);
            }

            return client;
        }

        try
        {
            return await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    return await ApiClient.SignupAsync(Create, $"Bench Realty {i}");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        finally
        {
            created.ForEach(c => c.Dispose());
        }
    }
}
