using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Audit.Browse;

/// <summary><c>GET /api/v1/audit</c>: the tenant's audit trail, newest first, filtered, keyset-paginated by sequence.</summary>
internal static class AuditListEndpoint
{
    public const int MaxLimit = 200;

    public static void Map(RouteGroupBuilder audit) =>
        audit.MapGet("/", ListAsync).RequireAuthorization(Policies.Admin)
            .WithName("ListAuditEntries")
            .WithSummary("The audit trail, newest first: filters actor, action, subjectType, subjectId, from, to; cursor = next.");

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync([AsParameters] AuditQuery q,
        ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        var limit = q.Limit ?? 50;
        if (limit is < 1 or > MaxLimit)
        {
            return ProblemResults.Field("limit", $"Between 1 and {MaxLimit}.");
        }

        if (q.From is { } from && q.To is { } to && from > to)
        {
            return ProblemResults.Field("to", "Must not be before from.");
        }

        if (q.Cursor is < 1)
        {
            return ProblemResults.Field("cursor", "Not a cursor of this list.");
        }

        var tenant = user.TenantId();
        var where = new StringBuilder("tenant_id = @tenant");
        void And(bool when, string clause)
        {
            if (when)
            {
                where.Append(" AND ").Append(clause);
            }
        }

        And(q.Actor is not null, "actor_id = @Actor");
        And(!string.IsNullOrEmpty(q.Action), "action = @Action");
        And(!string.IsNullOrEmpty(q.SubjectType), "subject_type = @SubjectType");
        And(!string.IsNullOrEmpty(q.SubjectId), "subject_id = @SubjectId");
        And(q.From is not null, "occurred_at >= @From");
        And(q.To is not null, "occurred_at < @To");
        And(q.Cursor is not null, "seq < @Cursor");
        // PostgreSQL's timestamptz takes UTC offsets only; the caller may send any offset.
        var p = new DynamicParameters(new
        {
            tenant,
            q.Actor,
            q.Action,
            q.SubjectType,
            q.SubjectId,
            q.Cursor,
            take = limit + 1,
            From = q.From?.ToUniversalTime(),
            To = q.To?.ToUniversalTime(),
        });

        await using var conn = await db.OpenAsync(tenant, ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition($"""
            SELECT seq, id, occurred_at AS OccurredAt, actor_kind AS ActorKind, actor_id AS ActorId, action,
                   subject_type AS SubjectType, subject_id AS SubjectId, request_id AS RequestId,
                   client_address AS ClientAddress, payload::text AS Payload, redacted_at AS RedactedAt
              FROM audit.entries WHERE {where} ORDER BY seq DESC LIMIT @take
            """, p, cancellationToken: ct))).ToList();
        var page = rows.Take(limit).Select(r => r.ToView()).ToList();
        return TypedResults.Ok(new AuditPage(page, rows.Count > limit ? page[^1].Seq : null));
    }

    private sealed record Row(long Seq, Guid Id, DateTimeOffset OccurredAt, string ActorKind, Guid? ActorId, string Action,
        string? SubjectType, string? SubjectId, string? RequestId, string? ClientAddress, string? Payload, DateTimeOffset? RedactedAt)
    {
        public AuditEntryView ToView() => new(Seq, Id, OccurredAt, ActorKind, ActorId, Action, SubjectType, SubjectId, RequestId,
            ClientAddress, Payload is null ? null : JsonDocument.Parse(Payload).RootElement.Clone(), RedactedAt);
    }
}
