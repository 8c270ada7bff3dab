using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Diagnostics;
using Beacon.SharedKernel.Email;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Beacon.SharedKernel.Retention;
using Beacon.SharedKernel.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Beacon.SharedKernel;

public static class PlatformRegistration
{
    /// <summary>Database access, migrations, outbox, job queue, e-mail and HTTP error shapes every module relies on.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Beacon")
            ?? throw new InvalidOperationException("ConnectionStrings:Beacon is not configured.");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            // Measured on 2 cores: ~8 busy connections saturate PostgreSQL; the headroom covers listeners and bursts.
            builder.MaxPoolSize = 24;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            // Measured (docs/benchmarks.md): preparing the hot statements cut PostgreSQL's CPU per /me from ~186 µs to ~65 µs.
            builder.MaxAutoPrepare = 64;
        }

        DapperTypeHandlers.Register();
        // Named: Npgsql's metrics label each pool with its name, else with the connection string (host, user, database).
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = "beacon" }.Build());
        var side = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { MaxPoolSize = SideDb.PoolSize, ApplicationName = "beacon-side" };
        services.AddSingleton(_ => new SideDb(new NpgsqlDataSourceBuilder(side.ConnectionString) { Name = "beacon-side" }.Build()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TransactionAudit>();
        services.AddSingleton<Db>();
        services.AddSingleton<Secrets.SecretSeal>();
        services.AddSingleton<OutboxWriter>(sp => new OutboxWriter(sp.GetRequiredService<HandlerRegistry>()));
        services.AddSingleton<HandlerRegistry>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<Migrator>();
        services.AddSingleton(new ModuleMigrations("platform", typeof(PlatformRegistration).Assembly, ["platform"]));
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddJobHandler<ProbePayload, ProbeJobHandler>(ProbeJobHandler.Name);
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser, EventLogEraser>();
        services.AddEmail();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Replays and investigations read recent events; a month covers them. The inbox only has to outlive a claim.
        services.AddSingleton(new RetentionRule("platform.events", "platform.purge_events", TimeSpan.FromDays(30)));
        services.AddSingleton(new RetentionRule("platform.inbox", "platform.purge_inbox", TimeSpan.FromDays(14)));
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<IHostedService, JobNotifier>();
        services.AddExceptionHandler<BadRequestProblems>();
        services.AddExceptionHandler<DatabaseUnavailableProblems>();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>The workers: only on nodes whose role includes background work.</summary>
    public static IServiceCollection AddPlatformWorkers(this IServiceCollection services)
    {
        services.AddSingleton<JobMetrics>();
        services.AddSingleton<IHostedService, JobWorker>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<RetentionSweeper>());
        return services;
    }
}
