using System.ComponentModel.DataAnnotations;

namespace Beacon.Server.Hosting.Telemetry;

/// <summary>
/// What this node exports (ADR 0011). Nothing by default: <c>/metrics</c> only when Prometheus is enabled, OTLP only
/// when an endpoint is configured (here or in the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Beacon:Telemetry";

    public PrometheusOptions Prometheus { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    internal sealed class PrometheusOptions
    {
        public bool Enabled { get; set; }

        /// <summary>When set, <c>/metrics</c> answers only on connections to this local port, never on the public one.</summary>
        [Range(1, 65535)]
        public int? Port { get; set; }
    }

    internal sealed class OtlpOptions
    {
        /// <summary>Base URL of an OTLP collector; same meaning as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, which wins when both are set.</summary>
        [Url]
        public string? Endpoint { get; set; }
    }
}
