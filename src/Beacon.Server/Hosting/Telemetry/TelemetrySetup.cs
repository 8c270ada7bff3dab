using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Beacon.Server.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for ASP.NET Core, HttpClient, Npgsql, the runtime and Beacon's own meters (<c>Beacon.*</c>), exported
/// to Prometheus (<c>/metrics</c>) and/or OTLP only when configured: an unconfigured node pays for no instrument listener.
/// </summary>
internal static class TelemetrySetup
{
    private const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddBeaconTelemetry(WebApplicationBuilder builder)
    {
        var options = Read(builder.Configuration);
        builder.Services.AddSingleton(options);
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]) && options.Otlp.Endpoint is { } endpoint)
        {
            // The exporter reads the standard OTEL_* keys from configuration; ours is a friendlier alias for the same one.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [OtlpEndpointKey] = endpoint });
        }

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        if (!otlp && !options.Prometheus.Enabled)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("beacon", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                    .AddMeter("Npgsql", "System.Runtime", "Beacon.*");
                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Spans only leave the node through OTLP; without it, recording them would be work for nobody.
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                .AddSource("Npgsql").AddOtlpExporter());
        }
    }

    public static void MapBeaconMetrics(WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (!options.Prometheus.Enabled)
        {
            return;
        }

        var port = options.Prometheus.Port;
        // The connection's local port, not RequireHost: a Host header is the client's to forge.
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: branch =>
            branch.Use((http, next) => port is null || http.Connection.LocalPort == port ? next(http) : NotFound(http)),
            optionsName: null).AllowAnonymous().ExcludeFromDescription();
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static TelemetryOptions Read(ConfigurationManager configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        Validator.ValidateObject(options.Prometheus, new ValidationContext(options.Prometheus), validateAllProperties: true);
        Validator.ValidateObject(options.Otlp, new ValidationContext(options.Otlp), validateAllProperties: true);
        return options;
    }
}
