using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Beacon.Workflows.Definitions;
using Beacon.Workflows.Members;
using Beacon.Workflows.Settings;
using Beacon.Workflows.Tasks;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.Engine;

/// <summary>What each kind of step does once the engine has decided it runs now; answers the history line and when the next step is due.</summary>
internal sealed class StepActions(IOptions<WorkflowLinks> links, IOptions<SmsOptions> sms, BranchStep branches, LeadSteps leadSteps)
{
    public async Task<StepOutcome> RunAsync(TenantTransaction tx, EnrollmentRow enrollment,
        WorkflowVersion workflow, WorkflowStep step, LeadSnapshot lead, string label, DateTimeOffset now, CancellationToken ct)
    {
        switch (step.Type)
        {
            case "wait" when step.Mode is "until" or "until_business_hours":
                return await WaitUntilStep.RunAsync(tx, step, lead, label, now, ct);
            case "branch":
                return await branches.RunAsync(tx.TenantId, step, enrollment.CurrentStep, workflow.Steps.Length, lead, label, now, ct);
            case "set_stage" or "add_tag" or "remove_tag" or "assign":
                return await leadSteps.RunAsync(tx, workflow, step, lead, label, now, ct);
            case "webhook":
                // The POST is its own job after this commit, so the enrollment's lock is never held on the network.
                tx.Enqueue(WebhookJob.Name, new WebhookDue(enrollment.Id, enrollment.CurrentStep, Guid.CreateVersion7(now), 1), now);
                return ("done", $"{label}: webhook to {new Uri(step.Url!).Authority} queued", now);
            case "email":
                var sent = await SendAsync(tx, enrollment, step, lead, label, ct);
                return (sent.Status, sent.Reason, now);
            case "sms":
                var texted = await TextAsync(tx, enrollment, step, lead, label, now, ct);
                return (texted.Status, texted.Reason, now);
            case "wait":
                var until = now.AddMinutes(step.DelayMinutes!.Value);
                return ("done", $"{label}: waiting {Minutes(step.DelayMinutes.Value)}, until {until:yyyy-MM-dd HH:mm} UTC", until);
            case "task" when lead.AssignedTo is null:
                return ("skipped", $"{label} skipped: the lead has no assigned agent", now);
            case "task":
                var values = await ValuesAsync(tx, lead, ct);
                await TaskStore.InsertAsync(tx.Connection, tx.Transaction, tx.TenantId, new NewTask(lead.LeadId, lead.AssignedTo.Value,
                    MergeFields.Render(step.Title!, values), $"From the workflow \"{workflow.Name}\".",
                    now.AddMinutes(step.DueInMinutes ?? 0), null, enrollment.Id), now, ct);
                return ("done", $"{label}: task \"{MergeFields.Render(step.Title!, values)}\" created for {values["agent.name"]}", now);
            default:
                return ("done", $"{label}: goal not reached yet (the lead has not converted), continuing", now);
        }
    }

    private async Task<(string Status, string Reason)> SendAsync(TenantTransaction tx, EnrollmentRow enrollment, WorkflowStep step, LeadSnapshot lead,
        string label, CancellationToken ct)
    {
        if ((lead.Emails.Count > 0 ? lead.Emails[0] : null) is not { } to)
        {
            return ("skipped", $"{label} not sent: the lead has no e-mail address");
        }

        var values = await ValuesAsync(tx, lead, ct);
        var unsubscribe = $"{links.Value.PublicUrl.TrimEnd('/')}/unsubscribe?tenant={tx.TenantId}&enrollment={enrollment.Id}";
        var text = $"""
            {MergeFields.Render(step.Body!, values)}

            --
            {values["brokerage.postalAddress"]}
            To stop these e-mails, unsubscribe: {unsubscribe}
            """;
        tx.EnqueueEmail(new EmailMessage(to, MergeFields.Render(step.Subject!, values), text));
        return ("sent", $"{label}: e-mail \"{MergeFields.Render(step.Subject!, values)}\" sent to {to}");
    }

    private async Task<(string Status, string Reason)> TextAsync(TenantTransaction tx, EnrollmentRow enrollment, WorkflowStep step,
        LeadSnapshot lead, string label, DateTimeOffset now, CancellationToken ct)
    {
        if (MessageGate.SmsPhone(lead) is not { } to)
        {
            return ("skipped", $"{label} not sent: the lead has no phone number that can take a text");
        }

        if (!sms.Value.Configured)
        {
            return ("skipped", $"{label} not sent: no SMS gateway is configured (Beacon:Sms)");
        }

        var body = MergeFields.Render(step.Body!, await ValuesAsync(tx, lead, ct)) + SmsText.OptOutLine;
        await SmsStore.QueueAsync(tx, enrollment.Id, enrollment.CurrentStep, lead.LeadId, to, body, now, ct);
        var (segments, _) = SmsText.Segments(body);
        return ("sent", $"{label}: SMS queued to {to} ({segments} segment{(segments == 1 ? "" : "s")})");
    }

    internal static async Task<Dictionary<string, string?>> ValuesAsync(TenantTransaction tx, LeadSnapshot lead, CancellationToken ct)
    {
        var agent = lead.AssignedTo is { } id ? await MemberStore.FindAsync(tx.Connection, tx.TenantId, id, ct) : null;
        var settings = await SettingsStore.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, ct);
        return new Dictionary<string, string?>(Member.MergeValues(agent))
        {
            ["lead.firstName"] = lead.FirstName,
            ["lead.lastName"] = lead.LastName,
            ["lead.fullName"] = $"{lead.FirstName} {lead.LastName}".Trim(),
            ["lead.email"] = (lead.Emails.Count > 0 ? lead.Emails[0] : null),
            ["brokerage.postalAddress"] = settings?.PostalAddress,
        };
    }

    public static async Task<bool> SuppressedAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM workflows.suppressions WHERE tenant_id = @tenant AND lead_id = @leadId)",
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));

    private static string Minutes(int minutes) => minutes switch
    {
        1 => "1 minute",
        < 60 => $"{minutes} minutes",
        _ when minutes % 1440 == 0 => minutes == 1440 ? "1 day" : $"{minutes / 1440} days",
        _ when minutes % 60 == 0 => minutes == 60 ? "1 hour" : $"{minutes / 60} hours",
        _ => $"{minutes} minutes",
    };
}

/// <summary>Where links in workflow e-mails point (the web app's public address, as for Identity's links).</summary>
internal sealed class WorkflowLinks
{
    public const string Section = "Beacon:Auth";

    public string PublicUrl { get; set; } = "http://localhost:5080";
}
