using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Leads.Activities;
using Beacon.Leads.Assignment;
using Beacon.Leads.Capture;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Leads.Query;

/// <summary>
/// PATCH: the fields sent replace the lead's (lists as a whole); source and externalId are fixed at capture. The
/// patched lead is validated as a whole with the capture rules, so a PATCH can never store what a capture refuses.
/// </summary>
internal static class UpdateLeadCommand
{
    public static async Task<Results<Ok<LeadResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, CaptureRequest patch, ClaimsPrincipal user, Db db, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        var row = await LeadReader.LockAsync(tx, user, id, ct);
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        if (http.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch != row.ETag)
        {
            return TypedResults.Problem(title: "The lead changed since you read it.", detail: $"Its ETag is now {row.ETag}.",
                statusCode: StatusCodes.Status412PreconditionFailed);
        }

        var now = clock.GetUtcNow();
        var draft = LeadValidator.Validate(Overlay(row, patch), now, out var errors);
        if (draft is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var before = LeadResponse.From(row);
        var oldIdentities = Identities(row).ToHashSet();
        var added = draft.Identities().Where(i => !oldIdentities.Contains(i)).ToList();
        await IdentityLocks.AcquireAsync(tx, added, ct);
        var taken = await tx.Connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition("""
            SELECT u.v FROM unnest(@kinds::text[], @values::text[]) AS u(k, v)
              JOIN leads.identities i ON i.tenant_id = @tenant AND i.kind = u.k::char(1) AND i.value = u.v AND i.lead_id <> @id
            """, new { tenant = tx.TenantId, id, kinds = added.Select(a => a.Kind.ToString()).ToArray(), values = added.Select(a => a.Value).ToArray() },
            tx.Transaction, cancellationToken: ct));
        if (taken is not null)
        {
            return ProblemResults.Conflict($"Another lead already has {taken}.", "Merge the two leads instead.");
        }

        var activities = new List<NewActivity>();
        Apply(row, draft);
        if (before.Stage != row.Stage)
        {
            activities.Add(new NewActivity(id, "stage_change", now, user.UserId(), $"Stage {before.Stage} → {row.Stage}.",
                JsonSerializer.Serialize(new { from = before.Stage, to = row.Stage })));
        }

        if (patch.AssignedAgentId is { } agent && agent != row.AssignedTo)
        {
            if (Roles.Rank(user.Role()) < Roles.Rank(Roles.TeamLead))
            {
                return ProblemResults.Forbidden("Only team leads and admins reassign leads.");
            }

            if (!await Assigner.IsAssignableAsync(tx, agent, ct))
            {
                return ProblemResults.Field("assignedAgentId", "No active agent of this brokerage has this id.");
            }

            activities.Add(new NewActivity(id, "assignment", now, user.UserId(), "Reassigned by hand.",
                JsonSerializer.Serialize(new { from = row.AssignedTo, to = agent, method = "manual" })));
            tx.Publish(new LeadAssigned(Guid.CreateVersion7(), tx.TenantId, now, id, row.AssignedTo, agent, "Reassigned by hand."));
            row.AssignedTo = agent;
        }

        var updated = await LeadStore.UpdateAsync(tx, row, now, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM leads.identities WHERE tenant_id = @tenant AND lead_id = @id
               AND (kind, value) NOT IN (SELECT k::char(1), v FROM unnest(@kinds::text[], @values::text[]) AS u(k, v))
            """, new
        {
            tenant = tx.TenantId,
            id,
            kinds = draft.Identities().Select(a => a.Kind.ToString()).ToArray(),
            values = draft.Identities().Select(a => a.Value).ToArray(),
        }, tx.Transaction, cancellationToken: ct));
        await LeadStore.AddIdentitiesAsync(tx, id, added, ct);
        await ActivityWriter.WriteAsync(tx, activities, ct);
        var changes = Diff(before, LeadResponse.From(updated));
        tx.Publish(new LeadUpdated(Guid.CreateVersion7(), tx.TenantId, now, id, user.UserId(), changes));
        await tx.CommitAsync(ct);
        http.Response.Headers.ETag = updated.ETag;
        return TypedResults.Ok(LeadResponse.From(updated));
    }

    private static CaptureRequest Overlay(LeadRow r, CaptureRequest p) => new(
        FirstName: p.FirstName ?? r.FirstName,
        LastName: p.LastName ?? r.LastName,
        Emails: p.Emails ?? (p.Email is not null ? [p.Email] : r.Emails),
        Phones: p.Phones ?? (p.Phone is not null ? [p.Phone] : r.Phones),
        Source: r.Source,
        SourceDetail: p.SourceDetail ?? r.SourceDetail,
        Type: p.Type ?? r.Type,
        Stage: p.Stage ?? r.Stage,
        PriceMin: p.PriceMin ?? r.PriceMin,
        PriceMax: p.PriceMax ?? r.PriceMax,
        ZipCodes: p.ZipCodes ?? r.ZipCodes,
        Areas: p.Areas ?? r.Areas,
        Timeline: p.Timeline ?? r.Timeline,
        Financing: p.Financing ?? r.Financing,
        PropertyAddress: p.PropertyAddress ?? new AddressInput(r.PropertyStreet, r.PropertyCity, r.PropertyState, r.PropertyZip),
        ExternalId: r.ExternalId,
        Tags: p.Tags ?? r.Tags,
        CustomFields: p.CustomFields ?? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.CustomFields),
        Consents: Consents(r, p),
        TimeZone: p.TimeZone ?? (r.TimeZoneSource == "provided" ? r.TimeZone : null));

    private static Dictionary<string, ConsentInput> Consents(LeadRow r, CaptureRequest p)
    {
        var current = JsonSerializer.Deserialize<Dictionary<string, ConsentInput>>(r.Consents, JsonSerializerOptions.Web) ?? [];
        foreach (var (channel, consent) in p.Consents ?? [])
        {
            current[channel] = consent;
        }

        return current;
    }

    private static void Apply(LeadRow r, LeadDraft d)
    {
        (r.FirstName, r.LastName, r.Emails, r.Phones, r.SourceDetail, r.Type, r.Stage) =
            (d.FirstName, d.LastName, [.. d.Emails], [.. d.Phones], d.SourceDetail, d.Type, d.Stage);
        (r.PriceMin, r.PriceMax, r.ZipCodes, r.Areas, r.Timeline, r.Financing) =
            (d.PriceMin, d.PriceMax, [.. d.ZipCodes], [.. d.Areas], d.Timeline, d.Financing);
        (r.PropertyStreet, r.PropertyCity, r.PropertyState, r.PropertyZip) =
            (d.Property?.Street, d.Property?.City, d.Property?.State, d.Property?.Zip);
        // A zone taken from enrichment stays until the lead is given one or gets an address to estimate one from.
        var keepEnriched = d.TimeZone is null && r.TimeZoneSource == Enrichment.ZoneFromEnrichment.Source;
        (r.Tags, r.CustomFields, r.Consents) = ([.. d.Tags], d.CustomFields, d.Consents);
        (r.TimeZone, r.TimeZoneSource) = keepEnriched ? (r.TimeZone, r.TimeZoneSource) : (d.TimeZone, d.TimeZoneSource);
    }

    private static IEnumerable<(char Kind, string Value)> Identities(LeadRow r) =>
        r.Emails.Select(e => ('e', e)).Concat(r.Phones.Select(p => ('p', p))).Concat(r.ExternalId is null ? [] : [('x', r.ExternalId)]);

    private static List<LeadFieldChange> Diff(LeadResponse before, LeadResponse after)
    {
        var a = JsonSerializer.SerializeToNode(before, JsonSerializerOptions.Web)!.AsObject();
        var b = JsonSerializer.SerializeToNode(after, JsonSerializerOptions.Web)!.AsObject();
        string[] ignored = ["version", "updatedAt", "lastActivityAt"];
        return b.Where(p => !ignored.Contains(p.Key) && !JsonNode.DeepEquals(p.Value, a[p.Key]))
            .Select(p => new LeadFieldChange(p.Key, a[p.Key]?.ToJsonString(), p.Value?.ToJsonString())).ToList();
    }
}
