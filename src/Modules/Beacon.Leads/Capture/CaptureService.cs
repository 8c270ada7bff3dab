using System.Security.Claims;
using System.Text.Json;
using Beacon.Contracts.Leads;
using Beacon.Leads.Activities;
using Beacon.Leads.Assignment;
using Beacon.Leads.Model;
using Beacon.Leads.Query;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Capture;

/// <summary>
/// Takes one validated lead: ignores it when its source is archived, otherwise (under the advisory locks of its
/// dedupe keys) merges it into the oldest lead holding one of its keys, or creates and assigns a new lead. The
/// lead, its keys, its timeline entries, its events and the idempotency record commit in one transaction, the
/// caller's (which holds the idempotency key's claim), committed here. A merge into a lead the caller may not view
/// (by the list's own visibility rule) is marked withheld.
/// </summary>
internal sealed class CaptureService(Assigner assigner, TimeProvider clock)
{
    public async Task<CaptureOutcome> CaptureAsync(TenantTransaction tx, ClaimsPrincipal caller, Guid? actor, Guid? creatingAgent,
        LeadDraft draft, Func<CaptureOutcome, string>? idempotencyResponse, IdempotencyRecord? idempotency, CancellationToken ct)
    {
        var tenant = tx.TenantId;
        var identities = draft.Identities().ToList();
        var lockKeys = identities.Select(i => IdentityLocks.Key(tenant, $"{i.Kind}:{i.Value}")).Distinct().Order().ToArray();

        // One round trip: archived source?, the dedupe locks (ascending), the matches, the assignment context.
        using var grid = await tx.Connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT EXISTS (SELECT 1 FROM leads.sources WHERE tenant_id = @tenant AND name = @source AND archived);
            SELECT EXISTS (SELECT 1 FROM leads.agents WHERE tenant_id = @tenant AND user_id = @chosen AND active AND role <> 'read_only');
            SELECT pg_advisory_xact_lock_shared(@tenantKey);
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(k) FROM unnest(@lockKeys::bigint[]) WITH ORDINALITY AS u(k, n) ORDER BY n) AS locked;
            SELECT l.id FROM leads.identities i
              JOIN leads.leads l ON l.tenant_id = i.tenant_id AND l.id = i.lead_id AND l.deleted_at IS NULL
             WHERE i.tenant_id = @tenant
               AND ((i.kind = 'e' AND i.value = ANY(@emails)) OR (i.kind = 'p' AND i.value = ANY(@phones))
                    OR (i.kind = 'x' AND i.value = ANY(@externalIds)))
             GROUP BY l.id, l.created_at ORDER BY l.created_at, l.id;
            {AssignmentContext.Sql}
            """, new
        {
            tenant,
            source = draft.Source,
            chosen = draft.AssignedAgentId ?? Guid.Empty,
            tenantKey = IdentityLocks.TenantImportKey(tenant),
            lockKeys,
            emails = draft.Emails.ToArray(),
            phones = draft.Phones.ToArray(),
            externalIds = draft.ExternalId is null ? Array.Empty<string>() : [draft.ExternalId],
        }, tx.Transaction, cancellationToken: ct));
        var archived = await grid.ReadSingleAsync<bool>();
        var assignable = await grid.ReadSingleAsync<bool>();
        await grid.ReadAsync();
        await grid.ReadAsync();
        var matches = (await grid.ReadAsync<Guid>()).ToList();
        var settings = await grid.ReadSingleOrDefaultAsync<(string Mode, string Rules)?>();
        var context = new AssignmentContext(settings?.Mode ?? "round_robin", settings?.Rules, (await grid.ReadAsync<Guid>()).ToList());
        if (archived)
        {
            return await FinishAsync(tx, new CaptureOutcome(CaptureStatus.Ignored, null), idempotencyResponse, idempotency, ct);
        }

        if (draft.AssignedAgentId is not null && !assignable)
        {
            throw new CaptureRejectedException("assignedAgentId", "No active agent of this brokerage has this id.");
        }

        var now = clock.GetUtcNow();
        var outcome = matches.Count == 0
            ? await CreateAsync(tx, actor, creatingAgent, draft, context, now, ct)
            : await MergeAsync(tx, actor, matches, draft, now, ct);
        if (outcome is { Status: CaptureStatus.Merged, Lead: { } merged }
            && !await LeadReader.VisibleAsync(tx.Connection, tx.Transaction, caller, merged.Id, ct))
        {
            outcome = outcome with { Withheld = true };
        }

        return await FinishAsync(tx, outcome, idempotencyResponse, idempotency, ct);
    }

    private async Task<CaptureOutcome> CreateAsync(TenantTransaction tx, Guid? actor, Guid? creatingAgent, LeadDraft draft,
        AssignmentContext context, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        var decision = await assigner.DecideAsync(tx.TenantId, draft, creatingAgent, context, ct);
        var activities = new List<NewActivity>
        {
            new(id, "created", now, actor, $"Captured from {draft.Source}.", Json(new { source = draft.Source, draft.SourceDetail })),
            new(id, "assignment", now, actor, decision.Reason, Json(new { agentId = decision.AgentId, method = decision.Method })),
        };
        if (draft.Message is { Length: > 0 } message)
        {
            activities.Add(new NewActivity(id, "note", now, actor, message, Json(new { fromCapture = true })));
        }

        var lead = await LeadStore.InsertNewAsync(tx, id, draft, decision.AgentId, activities, now, ct);
        tx.Publish(new LeadCreated(Guid.CreateVersion7(), tx.TenantId, now, id, draft.Source, draft.Type, draft.Stage, decision.AgentId, null));
        tx.Publish(new LeadAssigned(Guid.CreateVersion7(), tx.TenantId, now, id, null, decision.AgentId, decision.Reason));
        return new CaptureOutcome(CaptureStatus.Created, lead);
    }

    private static async Task<CaptureOutcome> MergeAsync(TenantTransaction tx, Guid? actor, List<Guid> matches, LeadDraft draft,
        DateTimeOffset now, CancellationToken ct)
    {
        var current = await LeadStore.LockAsync(tx, matches[0], ct) ?? throw new InvalidOperationException("A matched lead vanished under its lock.");
        var plan = MergePlan.Compute(current, draft);
        foreach (var other in matches.Skip(1))
        {
            plan.Conflicts.Add(new LeadFieldChange("duplicateOf", null, JsonSerializer.Serialize(other)));
        }

        var lead = plan.Changes.Count > 0 ? await LeadStore.UpdateAsync(tx, plan.Merged, now, ct) : plan.Merged;
        await LeadStore.AddIdentitiesAsync(tx, lead.Id, draft.Identities(), ct);
        var activities = new List<NewActivity>
        {
            new(lead.Id, "merge", now, actor,
                plan.Conflicts.Count == 0
                    ? $"Arrived again from {draft.Source}; merged."
                    : $"Arrived again from {draft.Source}; merged, {plan.Conflicts.Count} conflicting value(s) kept as they were.",
                Json(new { source = draft.Source, changes = plan.Changes, conflicts = plan.Conflicts })),
        };
        if (draft.Message is { Length: > 0 } message)
        {
            activities.Add(new NewActivity(lead.Id, "note", now, actor, message, Json(new { fromCapture = true })));
        }

        await ActivityWriter.WriteAsync(tx, activities, ct);
        tx.Publish(new LeadMerged(Guid.CreateVersion7(), tx.TenantId, now, lead.Id, draft.Source, plan.Changes, plan.Conflicts, null));
        return new CaptureOutcome(CaptureStatus.Merged, lead);
    }

    private static async Task<CaptureOutcome> FinishAsync(TenantTransaction tx, CaptureOutcome outcome,
        Func<CaptureOutcome, string>? response, IdempotencyRecord? idempotency, CancellationToken ct)
    {
        if (idempotency is not null && response is not null)
        {
            await idempotency.CompleteAsync(tx, StatusOf(outcome), response(outcome), ct);
        }

        await tx.CommitAsync(ct);
        return outcome;
    }

    public static int StatusOf(CaptureOutcome outcome) => outcome.Status switch
    {
        CaptureStatus.Created => 201,
        CaptureStatus.Merged => 200,
        _ => 204,
    };

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
