using System.Diagnostics.Metrics;
using Beacon.Enrichment.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Enrichment.Pipeline;

/// <summary>
/// Makes provider calls outside any transaction or job worker, at most <c>MaxConcurrentCalls</c> at once on this
/// node, so a slow or dead provider holds no database connection and delays no other job (scoring included).
/// A call lost here (node stopped) is retried by its backstop job when its lease ends.
/// </summary>
internal sealed partial class Runner(
    IServiceScopeFactory scopes,
    ProviderGuards guards,
    IOptions<EnrichmentOptions> options,
    IHostApplicationLifetime lifetime,
    IMeterFactory meters,
    ILogger<Runner> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentCalls);
    private readonly Counter<long> _calls = meters.Create("Beacon.Enrichment").CreateCounter<long>("beacon.enrichment.calls");

    public void Start(CallWork work) => _ = Task.Run(() => RunAsync(work));

    public void Dispose() => _slots.Dispose();

    private async Task RunAsync(CallWork work)
    {
        var ct = lifetime.ApplicationStopping;
        var guard = guards.For(work.Provider);
        ProviderOutcome outcome;
        try
        {
            await _slots.WaitAsync(ct);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var client = scope.ServiceProvider.GetRequiredService<ProviderClients>().Get(work.Provider);
                outcome = await guard.CallAsync(token => client.CallAsync(work.Input, work.PollLocation, token), ct);
            }
            finally
            {
                _slots.Release();
            }

            if (outcome.Kind != OutcomeKind.NotSent)
            {
                _calls.Add(1, new KeyValuePair<string, object?>("provider", work.Provider),
                    new KeyValuePair<string, object?>("outcome", outcome.Kind.ToString()));
            }

            await using var writeScope = scopes.CreateAsyncScope();
            await writeScope.ServiceProvider.GetRequiredService<ResultWriter>().WriteAsync(work, outcome, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogCallLost(e, work.Provider, work.LeadId);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Enrichment call {Provider} for lead {LeadId} was not recorded; its backstop job retries it")]
    private partial void LogCallLost(Exception e, string provider, Guid leadId);
}
