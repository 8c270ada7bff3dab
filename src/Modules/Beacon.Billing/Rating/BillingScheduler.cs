using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Billing.Rating;

/// <summary>Runs <see cref="BillingTick"/> on worker nodes at start and every interval (a new scope each time).</summary>
internal sealed partial class BillingScheduler(IServiceScopeFactory scopes, IOptions<BillingOptions> options, TimeProvider clock,
    ILogger<BillingScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var queued = await scope.ServiceProvider.GetRequiredService<BillingTick>().RunOnceAsync(clock.GetUtcNow(), stoppingToken);
                if (queued > 0)
                {
                    LogQueued(log, queued);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // The next tick tries again; what this one committed (partitions, queued months) stays done.
                LogFailed(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing queued the rating of {Count} closed months")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing tick failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
