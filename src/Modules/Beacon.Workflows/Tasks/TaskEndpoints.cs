using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Beacon.Workflows.Members;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Workflows.Tasks;

/// <summary>
/// Tasks: follow-ups for an agent on one lead. Agents see and change their own; team leads and above everyone's
/// (optionally one assignee's); read-only users see everyone's and change nothing.
/// </summary>
internal static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder tasks)
    {
        tasks.MapGet("/", ListAsync).WithName("ListTasks")
            .WithSummary("My tasks: overdue, today (in the given time zone), upcoming, done, open or all; managers may pick an assignee.");
        tasks.MapPost("/", CreateAsync).WithName("CreateTask").RequireAuthorization(Policies.Agent)
            .WithSummary("Create a task on a lead for an agent (agents: for themselves).");
        tasks.MapPost("/{id:guid}/complete", (Guid id, ClaimsPrincipal actor, Db db, ILeadSnapshots leads, TimeProvider clock,
                CancellationToken ct) => SetDoneAsync(id, true, actor, db, leads, clock, ct))
            .WithName("CompleteTask").RequireAuthorization(Policies.Agent).WithSummary("Mark a task done.");
        tasks.MapPost("/{id:guid}/reopen", (Guid id, ClaimsPrincipal actor, Db db, ILeadSnapshots leads, TimeProvider clock,
                CancellationToken ct) => SetDoneAsync(id, false, actor, db, leads, clock, ct))
            .WithName("ReopenTask").RequireAuthorization(Policies.Agent).WithSummary("Mark a done task open again.");
    }

    /// <summary>Agents are limited to their own tasks; read-only users and managers see everyone's.</summary>
    private static Guid? OwnOnly(ClaimsPrincipal actor) => actor.Role() == Roles.Agent ? actor.UserId() : null;

    private static async Task<Results<Ok<TaskResponse[]>, ValidationProblem>> ListAsync(ClaimsPrincipal actor, Db db,
        ILeadSnapshots leads, TimeProvider clock, CancellationToken ct, string? view = null, Guid? assigneeId = null,
        string? timeZone = null)
    {
        var errors = new Dictionary<string, string[]>();
        view ??= "open";
        if (!TaskBuckets.Views.Contains(view))
        {
            errors["view"] = [$"Unknown view; one of {string.Join(", ", TaskBuckets.Views)}."];
        }

        if (!TryZone(timeZone, out var zone))
        {
            errors["timeZone"] = ["Unknown time zone; use an IANA name such as America/Chicago."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var endOfDay = TaskBuckets.EndOfDay(now, zone);
        IReadOnlyList<TaskRow> rows;
        await using (var conn = await db.OpenAsync(actor.TenantId(), ct))
        {
            rows = await TaskStore.ListAsync(conn, actor.TenantId(), OwnOnly(actor) ?? assigneeId, view, now, endOfDay, 500, ct);
        }

        return TypedResults.Ok(await TaskResponses.FromAsync(rows, actor.TenantId(), leads, now, endOfDay, ct));
    }

    private static async Task<Results<Created<TaskResponse>, ValidationProblem>> CreateAsync(CreateTaskRequest request,
        ClaimsPrincipal actor, Db db, ILeadAccess access, ILeadSnapshots leads, TimeProvider clock, CancellationToken ct)
    {
        var tenant = actor.TenantId();
        var assignee = request.AssigneeId ?? actor.UserId();
        var errors = new Dictionary<string, string[]>();
        if (!await access.MayViewAsync(actor, request.LeadId!.Value, ct))
        {
            errors["leadId"] = ["No lead with this id that you may view."];
        }

        await using var conn = await db.OpenAsync(tenant, ct);
        if (OwnOnly(actor) is { } self && assignee != self)
        {
            errors["assigneeId"] = ["Agents create tasks for themselves only."];
        }
        else if (await MemberStore.FindAsync(conn, tenant, assignee, ct) is not { Active: true })
        {
            errors["assigneeId"] = ["No active member of the brokerage with this id."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var id = await TaskStore.InsertAsync(conn, null, tenant, new NewTask(request.LeadId.Value, assignee, request.Title.Trim(),
            request.Notes?.Trim() ?? "", request.DueAt!.Value, actor.UserId(), null), now, ct);
        var row = (await TaskStore.GetAsync(conn, tenant, id, ct))!;
        var created = (await TaskResponses.FromAsync([row], tenant, leads, now, TaskBuckets.EndOfDay(now, TimeZoneInfo.Utc), ct))[0];
        return TypedResults.Created($"/api/v1/tasks/{id}", created);
    }

    private static async Task<Results<Ok<TaskResponse>, NotFound>> SetDoneAsync(Guid id, bool done, ClaimsPrincipal actor, Db db,
        ILeadSnapshots leads, TimeProvider clock, CancellationToken ct)
    {
        var tenant = actor.TenantId();
        await using var conn = await db.OpenAsync(tenant, ct);
        if (await TaskStore.GetAsync(conn, tenant, id, ct) is not { } task || (OwnOnly(actor) is { } self && task.AssigneeId != self))
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        await TaskStore.SetDoneAsync(conn, tenant, id, done, actor.UserId(), now, ct);
        var row = (await TaskStore.GetAsync(conn, tenant, id, ct))!;
        return TypedResults.Ok((await TaskResponses.FromAsync([row], tenant, leads, now, TaskBuckets.EndOfDay(now, TimeZoneInfo.Utc), ct))[0]);
    }

    private static bool TryZone(string? name, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return string.IsNullOrWhiteSpace(name) || TimeZoneInfo.TryFindSystemTimeZoneById(name, out zone!);
    }
}
