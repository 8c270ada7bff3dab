using Beacon.Contracts.Identity;
using Beacon.Leads.Activities;
using Beacon.Leads.Agents;
using Beacon.Leads.Assignment;
using Beacon.Leads.Capture;
using Beacon.Leads.Demo;
using Beacon.Leads.Query;
using Beacon.Leads.Sources;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Beacon.SharedKernel.Retention;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Leads;

public static class LeadsModule
{
    public static IServiceCollection AddLeadsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(DemoSettings.From(configuration));
        services.AddSingleton<IDemoSeeder, DemoLeadsSeeder>();
        services.AddSingleton(new ModuleMigrations("leads", typeof(LeadsModule).Assembly, ["leads"]));
        services.AddSingleton(new RetentionRule("leads.idempotency_keys", "leads.purge_idempotency_keys", TimeSpan.FromDays(1)));
        services.AddSingleton<Assigner>();
        services.AddSingleton<CaptureService>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<Contracts.Leads.ILeadSnapshots, Snapshots.LeadSnapshots>();
        services.AddSingleton<Contracts.Leads.ILeadAccess, LeadAccess>();
        services.AddSingleton<Contracts.Leads.ILeadRoster, LeadRoster>();
        services.AddSingleton<Contracts.Leads.ILeadFinder, LeadFinder>();
        services.AddSingleton<Contracts.Leads.ILeadAutomation, Automation.WorkflowLeadChanges>();
        services.AddSingleton<Contracts.Privacy.IErasureSubjects, Privacy.ErasureSubjects>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser, Privacy.LeadsEraser>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataExporter, Privacy.LeadsExporter>();
        services.AddSingleton<Contracts.Privacy.IRetentionCandidates, Privacy.RetentionCandidates>();
        services.AddSingleton<Contracts.Scoring.ILeadHistory, Snapshots.LeadHistory>();
        services.AddSingleton<BulkImport.ImportRunner>();
        services.AddSingleton<BulkImport.ImportExecution>();
        services.AddSingleton<BulkImport.BackgroundImports>();
        services.AddOptions<BulkImport.ImportOptions>().BindConfiguration(BulkImport.ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddEventHandler<UserJoined, UserJoinedHandler>("leads.user-joined");
        services.AddEventHandler<UserChanged, UserChangedHandler>("leads.user-changed");
        services.AddEventHandler<UserProfileChanged, UserProfileChangedHandler>("leads.user-profile-changed");
        services.AddEventHandler<Contracts.Conversions.LeadDealRecorded, Conversions.CloseOnDeal>("leads.close-on-deal");
        services.AddEventHandler<Contracts.Enrichment.LeadEnriched, Enrichment.ZoneFromEnrichment>("leads.zone-from-enrichment");
        return services;
    }

    public static IEndpointRouteBuilder MapLeadsModule(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiV1();
        var leads = api.MapGroup("/leads").WithTags("Leads");
        CaptureEndpoint.Map(leads);
        Export.ExportEndpoint.Map(leads);
        ListLeadsEndpoint.Map(leads);
        Stats.LeadStatsEndpoint.Map(leads);
        LeadEndpoints.Map(leads);
        ActivityEndpoints.Map(leads);
        BulkImport.ImportEndpoint.Map(leads);
        BulkImport.ImportStatusEndpoints.Map(leads);
        AssignmentEndpoints.Map(leads);
        SourceEndpoints.Map(api.MapGroup("/lead-sources").WithTags("Leads"));
        return app;
    }
}
