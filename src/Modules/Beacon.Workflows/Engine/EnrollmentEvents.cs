using Beacon.Contracts.Workflows;
using Beacon.SharedKernel.Database;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Every history line of an enrollment is also an integration event (<c>workflow.enrollment_changed</c>) committed with
/// it, so the enrollments screen and the lead's panel update live; the event names the lead, so the live stream's
/// visibility rule (ADR 0005) keeps it from users who may not open the lead.
/// </summary>
internal static class EnrollmentEvents
{
    public static void Publish(TenantTransaction tx, Guid enrollmentId, Owner owner, int? step, string status, string reason,
        DateTimeOffset now) =>
        tx.Publish(new EnrollmentChanged(Guid.CreateVersion7(), tx.TenantId, now, enrollmentId, owner.WorkflowId, owner.LeadId,
            step, status, reason));

    /// <summary>The workflow and lead an enrollment belongs to.</summary>
    internal sealed class Owner
    {
        public Guid WorkflowId { get; set; }

        public Guid LeadId { get; set; }
    }
}
