using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.Conversions.Deals;
using Beacon.Conversions.Projection;
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
        services.AddEventHandler<LeadImported, ImportedLeadsProjection>("conversions.lead-imported", JobLane.Bulk);
        services.AddEventHandler<LeadActivityAdded, TouchProjection>("conversions.lead-touched");
        services.AddEventHandler<UserJoined, AgentProjection>("conversions.user-joined");
        services.AddEventHandler<UserChanged, AgentProjection>("conversions.user-changed");
        return services;
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
