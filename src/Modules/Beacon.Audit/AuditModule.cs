using Beacon.Audit.Browse;
using Beacon.Audit.Recording;
using Beacon.Audit.Verify;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Audit;

/// <summary>
/// The audit trail (ADR 0015): every mutation by a user, API key, workflow or assistant, append-only and hash-chained
/// per tenant. SharedKernel records through <see cref="IAuditTrail"/>; this module stores, lists and verifies.
/// </summary>
public static class AuditModule
{
    public static IServiceCollection AddAuditModule(this IServiceCollection services)
    {
        services.AddSingleton(new ModuleMigrations("audit", typeof(AuditModule).Assembly, ["audit"]));
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser, AuditEraser>();
        services.AddSingleton<ChainVerifier>();
        return services;
    }

    public static IEndpointRouteBuilder MapAuditModule(this IEndpointRouteBuilder app)
    {
        var audit = app.MapApiV1("/audit").WithTags("Audit");
        AuditListEndpoint.Map(audit);
        VerifyEndpoint.Map(audit);
        return app;
    }

    /// <summary>
    /// <c>beacon audit verify [--tenant ID]</c>: verifies one tenant's chain or every chain; prints one line per tenant.
    /// Exit 0 all intact, 1 a chain is broken, 2 bad arguments.
    /// </summary>
    public static Task<int> VerifyCommandAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct) =>
        VerifyCommand.RunAsync(services.GetRequiredService<ChainVerifier>(), args, output, ct);
}
