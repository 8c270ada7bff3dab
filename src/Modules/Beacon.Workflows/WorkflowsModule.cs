using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.Contracts.Scoring;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Beacon.Workflows.Definitions;
using Beacon.Workflows.Engine;
using Beacon.Workflows.Members;
using Beacon.Workflows.NoActivity;
using Beacon.Workflows.Privacy;
using Beacon.Workflows.Settings;
using Beacon.Workflows.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows;

public static class WorkflowsModule
{
    /// <param name="background">True on nodes that run background work (roles all and worker): the no-activity scheduler.</param>
    public static IServiceCollection AddWorkflowsModule(this IServiceCollection services, bool background = false)
    {
        services.AddSingleton(new ModuleMigrations("workflows", typeof(WorkflowsModule).Assembly, ["workflows"]));
        services.AddSingleton<TaskPersonalData>();
        services.AddSingleton<IPersonalDataEraser>(sp => sp.GetRequiredService<TaskPersonalData>());
        services.AddSingleton<IPersonalDataExporter>(sp => sp.GetRequiredService<TaskPersonalData>());
        services.AddEventHandler<UserJoined, MemberProjection>("workflows.user-joined");
        services.AddEventHandler<UserChanged, MemberProjection>("workflows.user-changed");
        services.AddEventHandler<UserProfileChanged, MemberProjection>("workflows.user-profile-changed");
        services.AddOptions<WorkflowLinks>().BindConfiguration(WorkflowLinks.Section);
        services.AddSingleton<StepActions>();
        services.AddSingleton<BranchStep>();
        services.AddSingleton<LeadSteps>();
        services.AddOptions<WorkflowWebhookOptions>().BindConfiguration(WorkflowWebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookTargets>();
        services.AddHttpClient(WebhookPoster.Client)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnection.Handler(sp.GetRequiredService<WebhookTargets>().PermittedAddressesAsync))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan); // each attempt's own timeout applies
        services.AddSingleton<WebhookPoster>();
        services.AddJobHandler<WebhookDue, WebhookJob>(WebhookJob.Name);
        services.AddSingleton<MessageGate>();
        services.AddSingleton<VersionCache>();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section);
        services.AddHttpClient(SmsGateway.HttpClientName)
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<SmsOptions>>().Value.Timeout);
        services.AddSingleton<SmsGateway>();
        services.AddJobHandler<SmsDue, SendSmsJob>(SmsStore.SendJob);
        services.AddSingleton<Contracts.Workflows.IFollowUps, AssistantFollowUps>(); // the assistant's follow-up actions
        services.AddSingleton<Contracts.Workflows.IMessageCompliance, Compliance.MessageCompliance>(); // the assistant's drafter
        services.AddSingleton<EnrollmentPersonalData>();
        services.AddSingleton<IPersonalDataEraser>(sp => sp.GetRequiredService<EnrollmentPersonalData>());
        services.AddSingleton<IPersonalDataExporter>(sp => sp.GetRequiredService<EnrollmentPersonalData>());
        services.AddJobHandler<StepDue, StepJob>(EnrollmentStore.StepJob);
        services.AddEventHandler<LeadCreated, Triggers>("workflows.lead-created");
        services.AddEventHandler<LeadImported, Triggers>("workflows.lead-imported", JobLane.Bulk);
        services.AddEventHandler<LeadScored, Triggers>("workflows.lead-scored");
        services.AddLeadChangeTriggers(background);
        services.AddEventHandler<LeadActivityAdded, StopRules>("workflows.activity-added");
        services.AddEventHandler<LeadProcessingObjected, StopRules>("workflows.processing-objected");
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflowsModule(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapApiV1("/tasks").WithTags("Tasks").RequireAuthorization(Policies.ReadOnly);
        TaskEndpoints.Map(tasks);
        var workflows = app.MapApiV1("/workflows").WithTags("Workflows").RequireAuthorization(Policies.TeamLead);
        SettingsEndpoints.Map(workflows, Policies.Admin);
        WorkflowEndpoints.Map(workflows);
        EnrollmentEndpoints.Map(workflows);
        PauseEndpoints.Map(workflows);
        TestSendEndpoint.Map(workflows);
        PreviewEndpoint.Map(app.MapApiV1("/workflows").WithTags("Workflows").RequireAuthorization(Policies.ReadOnly));
        LeadEnrollmentsEndpoint.Map(app.MapApiV1("/leads").WithTags("Workflows").RequireAuthorization(Policies.ReadOnly));
        UnsubscribeEndpoint.Map(app.MapAuthV1().WithTags("Workflows"));
        SmsWebhookEndpoints.Map(app.MapAuthV1().WithTags("Workflows"));
        return app;
    }
}
