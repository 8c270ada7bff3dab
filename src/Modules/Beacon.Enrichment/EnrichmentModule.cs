using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Enrichment.Api;
using Beacon.Enrichment.Operators;
using Beacon.Enrichment.Pipeline;
using Beacon.Enrichment.Privacy;
using Beacon.Enrichment.Providers;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.Enrichment;

public static class EnrichmentModule
{
    public static IServiceCollection AddEnrichmentModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ModuleMigrations("enrichment", typeof(EnrichmentModule).Assembly, ["enrichment"]));
        services.AddOptions<EnrichmentOptions>().BindConfiguration(EnrichmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        AddClient<PropertyClient>(services, ProviderNames.Property, (h, o) => new PropertyClient(h, o));
        AddClient<PersonClient>(services, ProviderNames.Person, (h, o) => new PersonClient(h, o));
        AddClient<CreditClient>(services, ProviderNames.Credit, (h, o) => new CreditClient(h, o));
        services.AddScoped<ProviderClients>();
        services.AddSingleton<ProviderGuards>();
        services.AddSingleton<TenantRateLimits>();
        services.AddSingleton<Runner>();
        services.AddSingleton<ResultWriter>();
        services.AddScoped<Dispatcher>();
        services.AddSingleton<IEnrichmentFacts, EnrichmentFactsReader>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser, EnrichmentEraser>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataExporter, EnrichmentExporter>();
        services.AddEventHandler<Contracts.Privacy.LeadProcessingObjected, StopEnrichmentOnObjection>("enrichment.stop-on-objection");
        services.AddEventHandler<LeadCreated, LeadCreatedHandler>("enrichment.lead-created");
        services.AddEventHandler<LeadUpdated, LeadChangedHandler>("enrichment.lead-updated");
        services.AddEventHandler<LeadMerged, LeadChangedHandler>("enrichment.lead-merged");
        services.AddEventHandler<LeadImported, EnrichImportedLeads>(EnrichImportedLeads.Name, JobLane.Bulk);
        services.AddJobHandler<EnrichChunkPayload, EnrichChunkJob>(EnrichChunkJob.Name, JobLane.Bulk);
        services.AddJobHandler<FetchPayload, FetchJobHandler>(Dispatcher.FetchJob);
        services.AddJobHandler<RecoverPayload, RecoverJobHandler>(Dispatcher.RecoverJob);
        services.AddJobHandler<NoticePayload, IssueArt14NoticeJob>(Notices.IssueJob);
        return services;
    }

    public static IEndpointRouteBuilder MapEnrichmentModule(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiV1();
        LeadEnrichmentEndpoints.Map(api.MapGroup("/leads").WithTags("Enrichment"));
        ProviderEndpoints.Map(api.MapGroup("/enrichment").WithTags("Enrichment"));
        return app;
    }

    private static void AddClient<T>(IServiceCollection services, string provider, Func<HttpClient, ProviderOptions, T> create)
        where T : class =>
        services.AddHttpClient<T>($"enrichment.{provider}", (sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value.For(provider);
                if (o.Enabled)
                {
                    http.BaseAddress = new Uri(o.BaseUrl!.TrimEnd('/') + "/");
                }

                // The per-attempt timeout is the provider's Polly pipeline's (headers and body); this is only a backstop.
                http.Timeout = o.Timeout * 2;
            })
            .AddTypedClient((http, sp) => create(http, sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value.For(provider)));
}
