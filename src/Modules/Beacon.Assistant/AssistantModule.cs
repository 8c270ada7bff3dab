using Beacon.Assistant.Chat;
using Beacon.Assistant.Engine;
using Beacon.Assistant.Engine.Agents;
using Beacon.Assistant.Threads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Assistant;

public static class AssistantModule
{
    public static IServiceCollection AddAssistantModule(this IServiceCollection services)
    {
        services.AddOptions<AssistantOptions>().BindConfiguration(AssistantOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new ModuleMigrations("assistant", typeof(AssistantModule).Assembly, ["assistant"]));
        services.AddSingleton<DraftAudit>();
        services.AddSingleton<ThreadStore>();
        services.AddSingleton<IAgent, LeadFinderAgent>();
        services.AddSingleton<IAgent, ScoreExplainerAgent>();
        services.AddSingleton<IAgent, PipelineAnalystAgent>();
        services.AddSingleton<IAgent, ProductHelpAgent>();
        services.AddSingleton<IAgent, FollowUpAgent>();
        services.AddSingleton<IAgent, MessageDrafterAgent>();
        services.AddSingleton<IAgent, FallbackAgent>();
        services.AddSingleton<Supervisor>(); // trains the intent classifier once, from the shipped utterances
        services.AddHttpClient(Provider.ProviderClient.HttpClientName);
        services.AddSingleton<Provider.ProviderAnswerer>(); // idle unless Beacon:Assistant:Provider is openai (ADR 0030)
        services.AddSingleton<AnswerStreamer>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser, Privacy.AssistantEraser>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataExporter, Privacy.AssistantExporter>();
        return services;
    }

    public static IEndpointRouteBuilder MapAssistantModule(this IEndpointRouteBuilder app)
    {
        var assistant = app.MapApiV1("/assistant").WithTags("Assistant");
        ThreadEndpoints.Map(assistant);
        ChatSocketEndpoint.Map(assistant);
        return app;
    }
}
