using Beacon.SharedKernel.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Beacon.SharedKernel.Retention;

/// <summary>
/// Purges what has outlived its rule's age, batch by batch, on worker nodes every <see cref="RetentionOptions.Interval"/>.
/// Several nodes may sweep at once: the purges skip rows another sweep holds.
/// </summary>
public sealed class RetentionSweeper(Db db, IEnumerable<RetentionRule> rules, IOptions<RetentionOptions> options,
    TimeProvider clock, ILogger<RetentionSweeper> logger) : BackgroundService
{
    /// <summary>One sweep as of <paramref name="now"/>; returns the rows purged per rule.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var purged = new Dictionary<string, long>();
        foreach (var rule in rules)
        {
            var before = now - o.Ages.GetValueOrDefault(rule.Name, rule.DefaultAge);
            long total = 0, batch;
            do
            {
                await using var conn = await db.OpenUnscopedAsync(ct);
                // The function name comes from code (a registered rule), never from input.
                await using var cmd = new NpgsqlCommand($"SELECT {rule.PurgeFunction}($1, $2)", conn);
                cmd.Parameters.AddWithValue(before.ToUniversalTime());
                cmd.Parameters.AddWithValue(o.BatchSize);
                batch = (long)(await cmd.ExecuteScalarAsync(ct))!;
                total += batch;
            }
            while (batch == o.BatchSize);

            purged[rule.Name] = total;
        }

        return purged;
    }

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
                var purged = await SweepAsync(clock.GetUtcNow(), stoppingToken);
                logger.LogInformation("Retention sweep purged {Purged}", string.Join(", ", purged.Select(p => $"{p.Key}: {p.Value}")));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Retention sweep failed; it runs again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
