using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Leads.Model;
using Beacon.Leads.Query;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.Activities;

internal sealed record AddActivityRequest(
    [property: Required, WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.UserActivityTypes))] string? Type,
    [property: StringLength(10_000)] string? Body = null,
    DateTimeOffset? OccurredAt = null,
    Dictionary<string, JsonElement>? Data = null);

internal sealed record ActivityResponse(Guid Id, Guid LeadId,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.ActivityTypes))] string Type, DateTimeOffset OccurredAt, Guid? ActorId, string? Body,
    JsonElement Data);

/// <summary>The lead's timeline: newest first; users add the <see cref="LeadVocabulary.UserActivityTypes"/>, Beacon the rest.</summary>
internal static class ActivityEndpoints
{
    public static void Map(RouteGroupBuilder leads)
    {
        leads.MapGet("/{id:guid}/activities", ListAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("ListLeadActivities").WithSummary("The lead's timeline, newest first (limit ≤ 200, before = an activity id).");
        leads.MapPost("/{id:guid}/activities", AddAsync).RequireAuthorization(Policies.Agent)
            .WithName("AddLeadActivity").WithSummary("Add a note, call, e-mail, text, web visit, property view, meeting, showing or offer to the timeline.");
    }

    private static async Task<Results<Ok<List<ActivityResponse>>, NotFound, ValidationProblem>> ListAsync(Guid id, int? limit,
        Guid? before, ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        if (limit is < 1 or > 200)
        {
            return ProblemResults.Field("limit", "Between 1 and 200.");
        }

        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        if (await LeadReader.FindAsync(conn, null, user, id, false, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var rows = await conn.QueryAsync<(Guid Id, string Type, DateTimeOffset OccurredAt, Guid? ActorId, string? Body, string Data)>(
            new CommandDefinition("""
                SELECT id, type, occurred_at, actor_id, body, data::text FROM leads.activities
                 WHERE tenant_id = @tenant AND lead_id = @id AND (@before::uuid IS NULL OR id < @before)
                 ORDER BY occurred_at DESC, id DESC LIMIT @limit
                """, new { tenant = user.TenantId(), id, before, limit = limit ?? 50 }, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(r => new ActivityResponse(r.Id, id, r.Type, r.OccurredAt, r.ActorId, r.Body,
            JsonDocument.Parse(r.Data).RootElement.Clone())).ToList());
    }

    private static async Task<Results<Created<ActivityResponse>, NotFound, ValidationProblem>> AddAsync(Guid id,
        AddActivityRequest request, ClaimsPrincipal user, Db db, TimeProvider clock, CancellationToken ct)
    {
        var type = request.Type?.Trim().ToLowerInvariant() ?? "";
        if (!LeadVocabulary.UserActivityTypes.Contains(type))
        {
            return ProblemResults.Field("type", $"One of: {string.Join(", ", LeadVocabulary.UserActivityTypes)}.");
        }

        var now = clock.GetUtcNow();
        if (request.OccurredAt > now.AddMinutes(5))
        {
            return ProblemResults.Field("occurredAt", "An activity cannot happen in the future.");
        }

        var data = JsonSerializer.Serialize(request.Data ?? []);
        if (data.Length > 16_384)
        {
            return ProblemResults.Field("data", "At most 16 KB.");
        }

        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        if (await LeadReader.LockAsync(tx, user, id, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var activity = new NewActivity(id, type, request.OccurredAt ?? now, user.UserId(), request.Body?.Trim(), data);
        await ActivityWriter.WriteAsync(tx, [activity], ct);
        tx.Publish(new LeadActivityAdded(Guid.CreateVersion7(), tx.TenantId, now, id, activity.Id, type, user.UserId()));
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/leads/{id}/activities/{activity.Id}", new ActivityResponse(activity.Id, id, type,
            activity.OccurredAt, activity.ActorId, activity.Body, JsonDocument.Parse(data).RootElement.Clone()));
    }
}
