using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Scoring.Api;
using Beacon.Scoring.Demo;
using Beacon.Scoring.Insights;
using Beacon.Scoring.Monitoring;
using Beacon.Scoring.Registry;
using Beacon.Scoring.ScoreImport;
using Beacon.Scoring.Serving;
using Beacon.Scoring.Training;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Scoring;

public static class ScoringModule
{
    public static IServiceCollection AddScoringModule(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new ModuleMigrations("scoring", typeof(ScoringModule).Assembly, ["scoring"]));
        services.AddSingleton<ActiveModels>();
        services.AddSingleton<ModelFaultSwitch>();
        services.AddSingleton<ScoreCalculator>();
        services.AddSingleton<OutcomeRecorder>();
        services.AddSingleton<ScoreService>();
        services.AddSingleton<BulkScorer>();
        services.AddSingleton<Promotions>();
        services.AddSingleton<ChallengerEvaluation>();
        services.AddSingleton<DriftMonitor>();
        services.AddSingleton<Trainer>();
        services.AddSingleton<IDemoSeeder, DemoModelSeeder>();
        services.AddSingleton<Contracts.Scoring.ILeadScores, Insights.LeadScores>();
        services.AddSingleton<DistributionRebuild>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser, Privacy.ScoringEraser>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataExporter, Privacy.ScoringExporter>();
        services.AddEventHandler<Contracts.Privacy.LeadProcessingObjected, Privacy.DropScoreOnObjection>("scoring.drop-on-objection");
        services.AddEventHandler<LeadCreated, RescoreOnCreated>("scoring.rescore-created");
        services.AddEventHandler<LeadUpdated, RescoreOnUpdated>("scoring.rescore-updated");
        services.AddEventHandler<LeadMerged, RescoreOnMerged>("scoring.rescore-merged");
        services.AddEventHandler<LeadAssigned, RescoreOnAssigned>("scoring.rescore-assigned");
        services.AddEventHandler<LeadActivityAdded, RescoreOnActivity>("scoring.rescore-activity");
        services.AddEventHandler<LeadEnriched, RescoreOnEnriched>("scoring.rescore-enriched");
        services.AddEventHandler<LeadDeleted, RescoreOnDeleted>("scoring.rescore-deleted");
        services.AddEventHandler<LeadImported, ScoreImportedLeads>(ScoreImportedLeads.Name, JobLane.Bulk);
        services.AddJobHandler<ScoreChunkPayload, ScoreChunkJob>(ScoreChunkJob.Name, JobLane.Bulk);
        services.AddJobHandler<RetrainPayload, RetrainJob>(RetrainJob.Name);
        services.AddJobHandler<EvaluateChallengerPayload, EvaluateChallengerJob>(EvaluateChallengerJob.Name);
        return services;
    }

    /// <summary><c>beacon scoring rebuild [--tenant ID]</c>: the score distribution's counts recomputed from the scores (exit 0 done, 2 bad arguments).</summary>
    public static Task<int> RebuildCommandAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct) =>
        services.GetRequiredService<DistributionRebuild>().RunAsync(args, output, ct);

    public static IEndpointRouteBuilder MapScoringModule(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiV1();
        ScoreEndpoints.Map(api.MapGroup("/leads").WithTags("Scoring"));
        ModelEndpoints.Map(api.MapGroup("/models").WithTags("Scoring"));
        InsightEndpoints.Map(api.MapGroup("/insights").WithTags("Insights"));
        return app;
    }
}
