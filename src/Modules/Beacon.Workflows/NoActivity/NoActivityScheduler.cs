using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.NoActivity;

/// <summary>Runs <see cref="NoActivityTick"/> on worker nodes at start and every interval (a new scope each time).</summary>
internal sealed partial class NoActivityScheduler(IServiceScopeFactory scopes, IOptions<NoActivityOptions> options, TimeProvider clock,
    ILogger<NoActivityScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var queued = await scope.ServiceProvider.GetRequiredService<NoActivityTick>().RunOnceAsync(clock.GetUtcNow(), stoppingToken);
                if (queued > 0)
                {
                    LogQueued(log, queued);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // The next tick tries again; sweeps already queued stay queued.
                LogFailed(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflows queued the no-activity sweep of {Count} brokerages")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The no-activity tick failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
