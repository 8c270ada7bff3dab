using Beacon.Contracts.Billing;
using Beacon.Contracts.Identity;
using Beacon.Payments.Collection;
using Beacon.Payments.Gateway;
using Beacon.Payments.GatewayWebhooks;
using Beacon.Payments.Invoices;
using Beacon.Payments.Methods;
using Beacon.Payments.Notices;
using Beacon.Payments.Restriction;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.Payments;

/// <summary>Collection of issued invoices through the payment gateway, dunning and the restriction it ends in (ADR 0021).</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services)
    {
        services.AddSingleton(new ModuleMigrations("payments", typeof(PaymentsModule).Assembly, ["payments"]));
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(StripeGateway.HttpClientName)
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.Timeout);
        services.AddSingleton<IPaymentGateway, StripeGateway>();
        services.AddSingleton<DunningNotices>();
        services.AddSingleton<PaidInvoices>();
        services.AddScoped<Collector>();
        services.AddScoped<GatewayEventApplier>();
        services.AddEventHandler<InvoiceIssued, InvoiceIssuedHandler>("payments.invoice-issued");
        services.AddEventHandler<UserJoined, RecipientProjection>("payments.user-joined");
        services.AddEventHandler<UserChanged, RecipientProjection>("payments.user-changed");
        services.AddJobHandler<CollectPayload, CollectJob>(Collector.CollectJob);
        return services;
    }

    /// <summary>Refuses writes of a restricted brokerage; goes after authentication, before the handlers.</summary>
    public static IApplicationBuilder UsePaymentsRestriction(this IApplicationBuilder app) => app.UseWriteRestriction();

    public static IEndpointRouteBuilder MapPaymentsModule(this IEndpointRouteBuilder app)
    {
        var payments = app.MapApiV1("/payments").WithTags("Payments");
        StandingEndpoints.Map(payments);
        GatewayWebhookEndpoint.Map(payments);
        var managed = payments.MapGroup("").RequireAuthorization(Policies.Admin);
        PaymentMethodEndpoints.Map(managed);
        InvoiceEndpoints.Map(managed);
        return app;
    }
}
