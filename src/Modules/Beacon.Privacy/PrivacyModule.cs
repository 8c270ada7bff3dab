using Beacon.Contracts.Privacy;
using Beacon.Privacy.Consents;
using Beacon.Privacy.Erasure;
using Beacon.Privacy.Export;
using Beacon.Privacy.Retention;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Beacon.Privacy;

/// <summary>GDPR: a lead's export (Art. 15/20), erasure (Art. 17), consents and objections per purpose, retention.</summary>
public static class PrivacyModule
{
    public static IServiceCollection AddPrivacyModule(this IServiceCollection services, bool background)
    {
        services.AddSingleton(new ModuleMigrations("privacy", typeof(PrivacyModule).Assembly, ["privacy"]));
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConsentLedger>();
        services.AddSingleton<IProcessingObjections>(sp => sp.GetRequiredService<ConsentLedger>());
        services.AddSingleton<IPersonalDataExporter>(sp => sp.GetRequiredService<ConsentLedger>());
        services.AddSingleton<LeadErasure>();
        services.AddSingleton<RetentionSweep>();
        if (background)
        {
            services.AddSingleton<IHostedService, RetentionWorker>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapPrivacyModule(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiV1();
        var leads = api.MapGroup("/leads").WithTags("Privacy");
        var privacy = api.MapGroup("/privacy").WithTags("Privacy");
        ExportEndpoint.Map(leads);
        EraseEndpoint.Map(leads, privacy);
        ConsentEndpoints.Map(leads);
        RetentionEndpoints.Map(privacy);
        return app;
    }
}
