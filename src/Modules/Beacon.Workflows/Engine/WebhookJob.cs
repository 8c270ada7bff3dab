using System.Globalization;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.Workflows.Definitions;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Makes one attempt of a webhook step, as its own job after the step committed: the enrollment has moved on and its
/// row is not locked while the receiver is awaited. A failed attempt queues the next one with exponential backoff;
/// the last failure is written to the enrollment's history ("step 4 failed after 5 attempts: 503"). A job redelivered
/// after a crash between the POST and its commit posts again with the same delivery id.
/// </summary>
internal sealed class WebhookJob(ILeadSnapshots leads, WebhookPoster poster, IOptions<WorkflowWebhookOptions> options, TimeProvider clock)
    : IJobHandler<WebhookDue>
{
    public const string Name = "workflows.webhook";

    public async Task HandleAsync(WebhookDue due, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        var label = $"step {due.Step + 1}";
        var enrollment = await tx.Connection.QuerySingleOrDefaultAsync<(Guid WorkflowId, int Version, Guid LeadId)?>(new CommandDefinition(
            "SELECT workflow_id, version, lead_id FROM workflows.enrollments WHERE tenant_id = @tenant AND id = @id",
            new { tenant = tx.TenantId, id = due.EnrollmentId }, tx.Transaction, cancellationToken: ct));
        if (enrollment is not { } e)
        {
            return; // erased with its lead
        }

        var workflow = await WorkflowStore.VersionAsync(tx.Connection, tx.Transaction, tx.TenantId, e.WorkflowId, e.Version, ct);
        var step = workflow.Steps[due.Step];
        var now = clock.GetUtcNow();
        if (await leads.GetAsync(tx.TenantId, e.LeadId, 0, ct) is not { } lead)
        {
            await EnrollmentStore.HistoryAsync(tx, due.EnrollmentId, due.Step, "skipped", $"{label}: webhook not sent, the lead was deleted", now, ct);
            return;
        }

        var body = WebhookPoster.Body(due, workflow, lead, now);
        var outcome = await poster.PostAsync(step.Url!, step.Secret!, due.DeliveryId, body, ct);
        now = clock.GetUtcNow();
        var max = options.Value.MaxAttempts;
        if (outcome.Succeeded)
        {
            await EnrollmentStore.HistoryAsync(tx, due.EnrollmentId, due.Step, "done",
                $"{label}: webhook delivered to {Host(step.Url!)} ({outcome.Status}) on attempt {due.Attempt}", now, ct);
        }
        else if (due.Attempt >= max)
        {
            await EnrollmentStore.HistoryAsync(tx, due.EnrollmentId, due.Step, "failed",
                $"{label} failed after {due.Attempt} attempt{(due.Attempt == 1 ? "" : "s")}: {outcome.Failure}", now, ct);
        }
        else
        {
            var at = now + RetryBackoff.Delay(due.Attempt, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay, Random.Shared);
            tx.Enqueue(Name, due with { Attempt = due.Attempt + 1 }, at);
            await EnrollmentStore.HistoryAsync(tx, due.EnrollmentId, due.Step, "retrying", string.Create(CultureInfo.InvariantCulture,
                $"{label}: webhook attempt {due.Attempt} of {max} failed ({outcome.Failure}), retrying at {at:HH:mm:ss} UTC"), now, ct);
        }
    }

    private static string Host(string url) => new Uri(url).Authority;
}
