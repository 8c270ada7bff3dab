using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// Work a worker node starts at boot and every interval, such as queueing each brokerage's monthly rating or its
/// no-activity sweep. A tick only decides and queues (multi-node safe through its own row locks); the jobs it queues
/// do the work, so a failed tick loses nothing: the next one tries again.
/// </summary>
public interface IPeriodicTick
{
    /// <summary>Answers how many things it queued (logged when not zero).</summary>
    Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct);
}

/// <summary>Whether a tick runs on this node and how often.</summary>
public sealed record TickSchedule(bool Enabled, TimeSpan Interval);

public static class PeriodicTickRegistration
{
    /// <summary>
    /// Runs <typeparamref name="TTick"/> (registered scoped by the module, so tests can drive it on any node; a new
    /// scope each time) on this node per <paramref name="schedule"/>.
    /// </summary>
    public static IServiceCollection AddPeriodicTick<TTick>(this IServiceCollection services, Func<IServiceProvider, TickSchedule> schedule,
        string what) where TTick : class, IPeriodicTick
    {
        services.AddSingleton<IHostedService>(sp => new PeriodicTickRunner<TTick>(sp.GetRequiredService<IServiceScopeFactory>(), schedule(sp),
            what, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PeriodicTickRunner<TTick>>>()));
        return services;
    }
}

internal sealed partial class PeriodicTickRunner<TTick>(IServiceScopeFactory scopes, TickSchedule schedule, string what, TimeProvider clock,
    ILogger<PeriodicTickRunner<TTick>> log) : BackgroundService where TTick : IPeriodicTick
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!schedule.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(schedule.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var queued = await scope.ServiceProvider.GetRequiredService<TTick>().RunOnceAsync(clock.GetUtcNow(), stoppingToken);
                if (queued > 0)
                {
                    LogQueued(log, what, queued);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // The next tick tries again; what this one committed stays done.
                LogFailed(log, what, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The {What} tick queued {Count}")]
    private static partial void LogQueued(ILogger logger, string what, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {What} tick failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string what, Exception exception);
}
