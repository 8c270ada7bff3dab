using Beacon.Assistant;
using Beacon.Audit;
using Beacon.Billing;
using Beacon.Conversions;
using Beacon.Enrichment;
using Beacon.Identity;
using Beacon.Leads;
using Beacon.Payments;
using Beacon.Privacy;
using Beacon.Realtime;
using Beacon.Scoring;
using Beacon.Server.Hosting.RateLimits;
using Beacon.Server.Hosting.Telemetry;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Http;
using Beacon.Webhooks;
using Beacon.Workflows;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;

namespace Beacon.Server.Hosting;

/// <summary>The server's table of contents: which modules it hosts and the HTTP pipeline around them.</summary>
internal static class BeaconServer
{
    public static void AddServices(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        ConsoleLogging.Configure(builder);
        TelemetrySetup.AddBeaconTelemetry(builder);
        if (ConsoleLogging.IsHumanReadable(configuration))
        {
            builder.Services.AddHostedService<StartupBanner>();
        }

        var maxBody = configuration.GetValue<long?>("Beacon:Http:MaxRequestBodyBytes") ?? 1_048_576;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxBody;
            // Kestrel answers its own limits with an empty body; ours (RequestLimits) sit below, as problem details.
            k.Limits.MaxRequestLineSize = RequestLimits.MaxTargetLength * RequestLimits.KestrelHeadroom;
            k.Limits.MaxRequestHeadersTotalSize = RequestLimits.MaxHeadersTotalSize * RequestLimits.KestrelHeadroom;
            k.Limits.MaxRequestHeaderCount = RequestLimits.MaxHeaderCount * RequestLimits.KestrelHeadroom;
        });
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = maxBody);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<ForwardedHeadersOptions>(o => ForwardedProxies.Configure(o, configuration));

        var services = builder.Services;
        services.AddPlatform(configuration);
        services.AddAuditModule();
        services.AddIdentityModule();
        services.AddLeadsModule(configuration);
        services.AddScoringModule(configuration);
        services.AddEnrichmentModule(configuration);
        services.AddWebhooksModule();
        services.AddConversionsModule();
        services.AddPaymentsModule();
        var background = NodeRole.Of(configuration) is NodeRole.All or NodeRole.Worker;
        services.AddWorkflowsModule(background);
        services.AddRealtimeModule(configuration, sequence: background);
        services.AddPrivacyModule(background);
        services.AddBillingModule(background);
        services.AddAssistantModule();
        if (background)
        {
            services.AddPlatformWorkers();
        }

        services.AddBeaconRateLimits(configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddOpenApi(o => o.AddSchemaTransformer<WireValuesSchemaTransformer>().AddSchemaTransformer<NumberSchemaTransformer>());
        if (builder.Environment.IsDevelopment())
        {
            services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            {
                if (c.Exception is { } e)
                {
                    c.ProblemDetails.Extensions["exception"] = e.ToString();
                }
            });
        }
    }

    public static void UsePipeline(WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRequestLog();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseRequestLimits();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseDeclaredBodyLimit(app.Configuration.GetValue<long?>("Beacon:Http:MaxRequestBodyBytes") ?? 1_048_576);
        app.UseAuthentication();
        app.UseRequestLogScope();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UsePaymentsRestriction();
        app.UseJsonBodyNulGuard();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        TelemetrySetup.MapBeaconMetrics(app);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.UseSwaggerUI(o => o.SwaggerEndpoint("/openapi/v1.json", "Beacon API v1"));
        }

        app.UseRealtime();
        app.MapIdentityModule();
        app.MapLeadsModule();
        app.MapEnrichmentModule();
        app.MapRealtimeModule();
        app.MapScoringModule();
        app.MapWebhooksModule();
        app.MapConversionsModule();
        app.MapPaymentsModule();
        app.MapWorkflowsModule();
        app.MapPrivacyModule();
        app.MapAuditModule();
        app.MapRateLimits();
        app.MapBillingModule();
        app.MapAssistantModule();

        app.MapFallback("/api/{**rest}", () => TypedResults.Problem(title: "No such API route.", statusCode: 404))
            .ExcludeFromDescription();
        app.MapFallbackToFile("index.html");
    }
}
