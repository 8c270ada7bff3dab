using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Messaging;
using Beacon.Workflows.Members;
using Beacon.Workflows.Privacy;
using Beacon.Workflows.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Workflows;

public static class WorkflowsModule
{
    public static IServiceCollection AddWorkflowsModule(this IServiceCollection services)
    {
        services.AddSingleton(new ModuleMigrations("workflows", typeof(WorkflowsModule).Assembly, ["workflows"]));
        services.AddSingleton<TaskPersonalData>();
        services.AddSingleton<Contracts.Privacy.IPersonalDataEraser>(sp => sp.GetRequiredService<TaskPersonalData>());
        services.AddSingleton<Contracts.Privacy.IPersonalDataExporter>(sp => sp.GetRequiredService<TaskPersonalData>());
        services.AddEventHandler<UserJoined, MemberProjection>("workflows.user-joined");
        services.AddEventHandler<UserChanged, MemberProjection>("workflows.user-changed");
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflowsModule(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapApiV1("/tasks").WithTags("Tasks").RequireAuthorization(Policies.ReadOnly);
        TaskEndpoints.Map(tasks);
        return app;
    }
}
