using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Beacon.Webhooks.Delivery;
using Beacon.Webhooks.Events;
using Beacon.Webhooks.Notices;
using Beacon.Webhooks.Subscriptions;
using Beacon.Webhooks.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Webhooks;

public static class WebhooksModule
{
    public static IServiceCollection AddWebhooksModule(this IServiceCollection services)
    {
        services.AddSingleton(new ModuleMigrations("webhooks", typeof(WebhooksModule).Assembly, ["webhooks"]));
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NoticeLinks>().BindConfiguration(NoticeLinks.Section);
        services.AddSingleton<TargetGuard>();
        services.AddHttpClient(WebhookSender.Client)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnection.Handler(sp.GetRequiredService<TargetGuard>().PermittedAddressesAsync))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan); // WebhookSender applies its own
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DisabledNotice>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser, Privacy.DeliveryEraser>();
        services.AddEventHandler<LeadCreated, WebhookFanOut>("webhooks.lead-created");
        services.AddEventHandler<LeadUpdated, WebhookFanOut>("webhooks.lead-updated");
        services.AddEventHandler<LeadScored, WebhookFanOut>("webhooks.lead-scored");
        services.AddEventHandler<LeadEnriched, WebhookFanOut>("webhooks.lead-enriched");
        services.AddEventHandler<UserJoined, RecipientProjection>("webhooks.user-joined");
        services.AddEventHandler<UserChanged, RecipientProjection>("webhooks.user-changed");
        services.AddJobHandler<DeliverPayload, DeliverJob>(DeliveryWriter.DeliverJob);
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooksModule(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapApiV1("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        SubscriptionEndpoints.Map(hooks);
        SecretAndPingEndpoints.Map(hooks);
        DeliveryLogEndpoints.Map(hooks);
        return app;
    }
}
