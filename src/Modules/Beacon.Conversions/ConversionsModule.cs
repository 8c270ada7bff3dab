using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.Conversions.Deals;
using Beacon.Conversions.Projection;
using Beacon.Conversions.Rebuild;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Conversions;

/// <summary>Deals (conversions), the leads' reporting facts kept from events, and the conversion dashboard (ADR 0018).</summary>
public static class ConversionsModule
{
    public static IServiceCollection AddConversionsModule(this IServiceCollection services)
    {
        services.AddSingleton(new ModuleMigrations("conversions", typeof(ConversionsModule).Assembly, ["conversions"]));
        services.AddEventHandler<LeadCreated, LeadProjection>("conversions.lead-created");
        services.AddEventHandler<LeadUpdated, DealOnClosedStage>("conversions.lead-updated");
        services.AddEventHandler<LeadAssigned, LeadProjection>("conversions.lead-assigned");
        services.AddEventHandler<LeadMerged, LeadProjection>("conversions.lead-merged");
        services.AddEventHandler<LeadDeleted, LeadProjection>("conversions.lead-deleted");
        services.AddEventHandler<LeadErased, LeadProjection>("conversions.lead-erased");
        services.AddEventHandler<LeadImported, ImportedLeadsProjection>(ImportedLeadsProjection.Name, JobLane.Bulk);
        services.AddJobHandler<ImportedChunk, ImportedChunkProjection>(ImportedChunkProjection.Name, JobLane.Bulk);
        services.AddEventHandler<LeadActivityAdded, TouchProjection>("conversions.lead-touched");
        services.AddEventHandler<UserJoined, AgentProjection>("conversions.user-joined");
        services.AddEventHandler<UserChanged, AgentProjection>("conversions.user-changed");
        services.AddEventHandler<UserProfileChanged, AgentProjection>("conversions.user-profile-changed");
        services.AddScoped<FactsBackfill>();
        services.AddScoped<CellsRebuild>();
        services.AddScoped<TimingRebuild>();
        services.AddScoped<RebuildCommand>();
        return services;
    }

    /// <summary><c>beacon conversions rebuild [--tenant ID]</c>: the aggregates recomputed from Leads (exit 0 done, 2 bad arguments).</summary>
    public static async Task<int> RebuildCommandAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RebuildCommand>().RunAsync(args, output, ct);
    }

    public static IEndpointRouteBuilder MapConversionsModule(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiV1();
        DealEndpoints.Map(api.MapGroup("/conversions").WithTags("Conversions"));
        var reports = api.MapGroup("/reports/conversions").WithTags("Conversions");
        Reports.ReportEndpoints.Map(reports);
        Reports.SpendEndpoints.Map(reports);
        return app;
    }
}
