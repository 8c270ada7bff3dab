using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;

namespace Beacon.Server.Hosting;

/// <summary>Migrations and demo seeding, before any worker or request touches the database.</summary>
internal static class StartupTasks
{
    public static async Task MigrateAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        var admin = configuration.GetConnectionString("BeaconAdmin") ?? configuration.GetConnectionString("Beacon")!;
        await services.GetRequiredService<Migrator>().MigrateAsync(admin, ct);
    }

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        foreach (var seeder in services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(ct);
        }
    }

    public static async Task RunConfiguredAsync(WebApplication app, CancellationToken ct)
    {
        if (app.Configuration.GetValue<bool>("Beacon:Database:MigrateOnStart"))
        {
            await MigrateAsync(app.Services, app.Configuration, ct);
        }

        if (app.Configuration.GetValue<bool>("Beacon:Demo:SeedOnStart"))
        {
            await SeedAsync(app.Services, ct);
        }
    }
}
