using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Beacon.Workflows.Engine;
using Beacon.Workflows.Members;
using Beacon.Workflows.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Workflows.Definitions;

/// <summary>
/// "Preview": a template rendered with the merge values a step would use for one lead the caller may view (or the
/// sample lead, the caller as the agent), listing each field's value or the fallback used. It renders and changes
/// nothing, so it is a POST (the template is a body) that the audit trail does not record.
/// </summary>
internal static class PreviewEndpoint
{
    public static void Map(RouteGroupBuilder members) =>
        members.MapPost("/preview", PreviewAsync).WithName("PreviewWorkflowTemplate")
            .WithSummary("Render an e-mail or text template with a lead's merge values (or a sample lead's), showing fallbacks used.")
            .NotAudited("renders a template for the caller to read; nothing is stored or sent");

    private static async Task<Results<Ok<PreviewResponse>, NotFound, ValidationProblem>> PreviewAsync(PreviewRequest request,
        ClaimsPrincipal actor, Db db, ILeadAccess access, ILeadSnapshots leads, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, text) in new[] { ("subject", request.Subject), ("body", request.Body) })
        {
            if (text is not null && MergeFields.Problem(text) is { } problem)
            {
                errors[field] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Dictionary<string, string?> values;
        string name;
        await using (var tx = await db.BeginAsync(actor.TenantId(), ct))
        {
            if (request.LeadId is { } leadId)
            {
                if (!await access.MayViewAsync(actor, leadId, ct) || await leads.GetAsync(actor.TenantId(), leadId, 0, ct) is not { } lead)
                {
                    return TypedResults.NotFound(); // an invisible lead is answered as an unknown one
                }

                values = await StepActions.ValuesAsync(tx, lead, ct);
                name = $"{lead.FirstName} {lead.LastName}".Trim() is { Length: > 0 } full ? full : lead.Emails.Count > 0 ? lead.Emails[0] : "the lead";
            }
            else
            {
                var me = await MemberStore.FindAsync(tx.Connection, tx.TenantId, actor.UserId(), ct);
                var settings = await SettingsStore.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, ct);
                values = TestSendEndpoint.SampleValues(me, settings?.PostalAddress);
                name = "Jordan (sample lead)";
            }
        }

        var fields = MergeFields.Used($"{request.Subject}\n{request.Body}")
            .Select(f => values.GetValueOrDefault(f.Field) is { } v && !string.IsNullOrWhiteSpace(v)
                ? new PreviewField(f.Field, v, f.Fallback, false)
                : new PreviewField(f.Field, null, f.Fallback ?? "", true))
            .ToList();
        var body = MergeFields.Render(request.Body!, values);
        int? segments = null;
        if (request.Channel == "sms")
        {
            body += SmsText.OptOutLine;
            segments = SmsText.Segments(body).Segments;
        }

        var subject = request.Subject is null ? null : MergeFields.Render(request.Subject, values);
        return TypedResults.Ok(new PreviewResponse(name, request.LeadId is null, subject, body, fields, segments));
    }
}
