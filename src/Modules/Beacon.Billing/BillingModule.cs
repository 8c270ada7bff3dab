using Beacon.Billing.Demo;
using Beacon.Billing.Invoices;
using Beacon.Billing.Plans;
using Beacon.Billing.Rating;
using Beacon.Billing.Usage;
using Beacon.Contracts.Billing;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Beacon.SharedKernel.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.Billing;

/// <summary>Usage metering, plans, monthly rating and invoices (docs/billing.md, ADR 0020). Payments collects what it issues.</summary>
public static class BillingModule
{
    public static IServiceCollection AddBillingModule(this IServiceCollection services, bool background)
    {
        services.AddSingleton(new ModuleMigrations("billing", typeof(BillingModule).Assembly, ["billing"]));
        services.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<MonthRater>();
        services.AddSingleton<InvoicePdf>();
        services.AddSingleton<BillingRateLimitPlans>();
        services.AddSingleton<IRateLimitPlanLookup>(sp => sp.GetRequiredService<BillingRateLimitPlans>());
        services.AddSingleton<IDemoSeeder, DemoSubscriptionSeeder>();
        services.AddEventHandler<TenantCreated, SubscriptionStarter>("billing.tenant-created");
        services.AddEventHandler<LeadCreated, UsageHandlers>("billing.lead-created");
        services.AddEventHandler<LeadImported, UsageHandlers>("billing.lead-imported", JobLane.Bulk);
        services.AddEventHandler<LeadScored, UsageHandlers>("billing.lead-scored", JobLane.Bulk);
        services.AddEventHandler<UsageRecorded, UsageHandlers>("billing.usage-recorded", JobLane.Bulk);
        services.AddEventHandler<UserJoined, SeatProjection>("billing.user-joined");
        services.AddEventHandler<UserChanged, SeatProjection>("billing.user-changed");
        services.AddEventHandler<InvoicePaid, PaymentEventHandlers>("billing.invoice-paid");
        services.AddEventHandler<InvoicePaymentFailed, PaymentEventHandlers>("billing.payment-failed");
        services.AddEventHandler<BillingRestricted, PaymentEventHandlers>("billing.account-restricted");
        services.AddEventHandler<BillingRestored, PaymentEventHandlers>("billing.account-restored");
        services.AddScoped<BillingTick>();
        services.AddJobHandler<RateMonthPayload, RateMonthJob>(RateMonthJob.Name, JobLane.Bulk);
        if (background)
        {
            services.AddPeriodicTick<BillingTick>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<BillingOptions>>().Value;
                return new TickSchedule(options.SchedulerEnabled, options.SchedulerInterval);
            }, "billing rating");
        }

        return services;
    }

    public static IEndpointRouteBuilder MapBillingModule(this IEndpointRouteBuilder app)
    {
        var billing = app.MapApiV1("/billing").WithTags("Billing").RequireAuthorization(Policies.Admin);
        UsageEndpoint.Map(billing);
        PlanEndpoints.Map(billing);
        InvoiceEndpoints.Map(billing);
        return app;
    }
}
