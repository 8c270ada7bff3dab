using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Workflows.Settings;

internal static class SettingsEndpoints
{
    public static void Map(RouteGroupBuilder workflows, string adminPolicy)
    {
        workflows.MapGet("/settings", GetAsync).WithName("GetWorkflowSettings")
            .WithSummary("The postal address workflow e-mails carry and the fallback time zone for quiet hours (404 until set).");
        workflows.MapPut("/settings", SaveAsync).WithName("SaveWorkflowSettings").RequireAuthorization(adminPolicy)
            .WithSummary("Set the postal address (CAN-SPAM), the brokerage's time zone and the frequency cap (messages per lead per 24 h).");
    }

    private static async Task<Results<Ok<WorkflowSettings>, NotFound>> GetAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return await SettingsStore.GetAsync(conn, null, actor.TenantId(), ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<WorkflowSettings>, ValidationProblem>> SaveAsync(WorkflowSettings request, ClaimsPrincipal actor,
        Db db, TimeProvider clock, CancellationToken ct)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["timeZone"] = ["Unknown time zone; use an IANA name such as America/Chicago."],
            });
        }

        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        await SettingsStore.SaveAsync(conn, actor.TenantId(), request, clock.GetUtcNow(), ct);
        return TypedResults.Ok((await SettingsStore.GetAsync(conn, null, actor.TenantId(), ct))!);
    }
}
