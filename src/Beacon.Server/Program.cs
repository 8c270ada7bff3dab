using Beacon.Audit;
using Beacon.Conversions;
using Beacon.Learning.Evaluation;
using Beacon.Learning.LightGbm;
using Beacon.Scoring;
using Beacon.Server.Hosting;

// Commands: serve (default) | migrate | seed | model eval | audit verify [--tenant ID] | conversions rebuild [--tenant ID] | scoring rebuild [--tenant ID]. Everything after serve/migrate/seed is ordinary
// configuration (--Beacon:Role=worker, --urls=http://127.0.0.1:5080 …).
var (command, rest) = args.Length > 0 && !args[0].StartsWith('-') ? (args[0], args[1..]) : ("serve", args);
if (command == "model" && rest.FirstOrDefault() == "eval")
{
    return await ModelEvalCommand.RunAsync(rest[1..], Console.Out, CancellationToken.None, new LightGbmTrainer());
}

var auditVerify = command == "audit" && rest.FirstOrDefault() == "verify";
var conversionsRebuild = command == "conversions" && rest.FirstOrDefault() == "rebuild";
var scoringRebuild = command == "scoring" && rest.FirstOrDefault() == "rebuild";
if (auditVerify || conversionsRebuild || scoringRebuild)
{
    rest = rest[1..];
}
else if (command is not ("serve" or "migrate" or "seed"))
{
    await Console.Error.WriteLineAsync($"Unknown command '{command}'. Use serve, migrate, seed, model eval, audit verify, conversions rebuild or scoring rebuild.");
    return 2;
}

// audit verify's and the rebuilds' own options (--tenant ID) are not configuration; the rest (connection strings) is.
var (commandArgs, configArgs) = auditVerify || conversionsRebuild || scoringRebuild ? AuditVerifyArgs.Split(rest) : ([], rest);
var builder = WebApplication.CreateBuilder(configArgs);
await using var embedded = await EmbeddedDatabase.StartIfNeededAsync(builder.Configuration, CancellationToken.None);
BeaconServer.AddServices(builder);
var app = builder.Build();
BeaconServer.UsePipeline(app);

switch (command)
{
    case "audit":
        // The embedded database is migrated on start (as serve does); a configured one is left as it is.
        if (app.Configuration.GetValue<bool>("Beacon:Database:MigrateOnStart"))
        {
            await StartupTasks.MigrateAsync(app.Services, app.Configuration, CancellationToken.None);
        }

        return await AuditModule.VerifyCommandAsync(app.Services, commandArgs, Console.Out, CancellationToken.None);
    case "conversions":
        // As audit verify: the embedded database is migrated on start; a configured one is left as it is.
        if (app.Configuration.GetValue<bool>("Beacon:Database:MigrateOnStart"))
        {
            await StartupTasks.MigrateAsync(app.Services, app.Configuration, CancellationToken.None);
        }

        return await ConversionsModule.RebuildCommandAsync(app.Services, commandArgs, Console.Out, CancellationToken.None);
    case "scoring":
        if (app.Configuration.GetValue<bool>("Beacon:Database:MigrateOnStart"))
        {
            await StartupTasks.MigrateAsync(app.Services, app.Configuration, CancellationToken.None);
        }

        return await ScoringModule.RebuildCommandAsync(app.Services, commandArgs, Console.Out, CancellationToken.None);
    case "migrate":
        await StartupTasks.MigrateAsync(app.Services, app.Configuration, CancellationToken.None);
        return 0;
    case "seed":
        await StartupTasks.MigrateAsync(app.Services, app.Configuration, CancellationToken.None);
        await StartupTasks.SeedAsync(app.Services, CancellationToken.None);
        return 0;
}

await StartupTasks.RunConfiguredAsync(app, CancellationToken.None);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
