using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Beacon.Workflows.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Beacon.Workflows.Definitions;

/// <summary>Workflow definitions. Saving an existing workflow writes a new version; running enrollments keep theirs.</summary>
internal static class WorkflowEndpoints
{
    public static void Map(RouteGroupBuilder workflows)
    {
        workflows.MapGet("/", ListAsync).WithName("ListWorkflows")
            .WithSummary("The brokerage's workflows with their current version and enrollment counts.");
        workflows.MapPost("/", CreateAsync).WithName("CreateWorkflow").WithSummary("Create a workflow (version 1).");
        workflows.MapGet("/{id:guid}", GetAsync).WithName("GetWorkflow").WithSummary("One workflow's current version.");
        workflows.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateWorkflow")
            .WithSummary("Save a new version (or pause/resume with active); leads already enrolled keep the version they started on.");
    }

    private static async Task<Ok<IReadOnlyList<WorkflowResponse>>> ListAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok(await WorkflowStore.ListAsync(conn, actor.TenantId(), ct));
    }

    private static async Task<Results<Ok<WorkflowResponse>, NotFound>> GetAsync(Guid id, ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return await WorkflowStore.GetAsync(conn, actor.TenantId(), id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<WorkflowResponse>, ValidationProblem>> CreateAsync(SaveWorkflowRequest request,
        ClaimsPrincipal actor, Db db, ILeadAutomation leads, IHostEnvironment environment, WebhookTargets targets,
        TimeProvider clock, CancellationToken ct)
    {
        if (WorkflowRules.Check(request) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        if (await StepReferences.CheckAsync(request, conn, actor.TenantId(), leads, environment.IsDevelopment(), targets, ct) is { Count: > 0 } unknown)
        {
            return TypedResults.ValidationProblem(unknown);
        }

        var id = (await WorkflowStore.SaveAsync(conn, actor.TenantId(), null, request, actor.UserId(), clock.GetUtcNow(), ct))!.Value;
        return TypedResults.Created($"/api/v1/workflows/{id}", (await WorkflowStore.GetAsync(conn, actor.TenantId(), id, ct))!);
    }

    private static async Task<Results<Ok<WorkflowResponse>, NotFound, ValidationProblem>> UpdateAsync(Guid id, SaveWorkflowRequest request,
        ClaimsPrincipal actor, Db db, ILeadAutomation leads, IHostEnvironment environment, WebhookTargets targets,
        TimeProvider clock, CancellationToken ct)
    {
        if (WorkflowRules.Check(request) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        if (await StepReferences.CheckAsync(request, conn, actor.TenantId(), leads, environment.IsDevelopment(), targets, ct) is { Count: > 0 } unknown)
        {
            return TypedResults.ValidationProblem(unknown);
        }

        if (await WorkflowStore.SaveAsync(conn, actor.TenantId(), id, request, actor.UserId(), clock.GetUtcNow(), ct) is null)
        {
            return TypedResults.NotFound();
        }

        if (request.Active == true)
        {
            // Saved as active (perhaps resumed by this save): steps parked during a pause run now, as with POST …/resume.
            await using var tx = await db.BeginAsync(actor.TenantId(), ct);
            await PauseGate.ReleaseAsync(tx, id, clock.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }

        return TypedResults.Ok((await WorkflowStore.GetAsync(conn, actor.TenantId(), id, ct))!);
    }
}
