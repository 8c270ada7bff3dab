using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Hands a queued text to the gateway. The step that queued it committed first (its idempotency claim with this job),
/// and the gateway dedupes on our message id, so a job retried after a lost answer still texts once. A refusal (a
/// number the gateway cannot text) is recorded on the enrollment's history; a gateway error throws and is retried.
/// </summary>
internal sealed class SendSmsJob(SmsGateway gateway, IOptions<SmsOptions> options, IOptions<WorkflowLinks> links, TimeProvider clock)
    : IJobHandler<SmsDue>
{
    public async Task HandleAsync(SmsDue due, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        if (await SmsStore.LockAsync(tx, due.MessageId, ct) is not { Status: "queued", Sid: null } message)
        {
            return; // already with the gateway
        }

        var callback = new Uri(options.Value.CallbackBaseUrl ?? new Uri(links.Value.PublicUrl),
            $"/api/v1/auth/sms/status?tenant={tx.TenantId}");
        var result = await gateway.SendAsync(message.Id, message.ToPhone, message.Body, callback, ct);
        var now = clock.GetUtcNow();
        if (result.Sid is { } sid)
        {
            await SmsStore.UpdateAsync(tx, message.Id, "accepted", sid, null, now, ct);
            return;
        }

        await SmsStore.UpdateAsync(tx, message.Id, "failed", null, result.Refusal, now, ct);
        await EnrollmentStore.HistoryAsync(tx, message.EnrollmentId, message.StepIndex, "failed",
            $"step {message.StepIndex + 1}: SMS to {message.ToPhone} failed: {result.Refusal}", now, ct);
    }
}
