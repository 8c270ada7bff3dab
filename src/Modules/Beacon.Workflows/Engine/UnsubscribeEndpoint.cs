using System.ComponentModel.DataAnnotations;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Workflows.Engine;

internal sealed record UnsubscribeRequest([property: Required] Guid? Tenant, [property: Required] Guid? Enrollment);

/// <summary>
/// The link at the foot of every workflow e-mail (CAN-SPAM): anonymous, named by the enrollment's unguessable id. The
/// lead gets no more workflow e-mail from the brokerage and their running enrollments stop. An unknown link answers
/// the same as a known one, so links cannot be probed.
/// </summary>
internal static class UnsubscribeEndpoint
{
    public static void Map(RouteGroupBuilder auth) =>
        auth.MapPost("/unsubscribe", UnsubscribeAsync).WithName("UnsubscribeFromWorkflowEmail")
            .WithSummary("Stop workflow e-mails to the lead an e-mail's unsubscribe link names.");

    private static async Task<NoContent> UnsubscribeAsync(UnsubscribeRequest request, Db db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(request.Tenant!.Value, ct);
        var lead = await tx.Connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT lead_id FROM workflows.enrollments WHERE tenant_id = @tenant AND id = @id",
            new { tenant = tx.TenantId, id = request.Enrollment }, tx.Transaction, cancellationToken: ct));
        if (lead is { } leadId)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO workflows.suppressions (tenant_id, lead_id, reason, at) VALUES (@tenant, @leadId, 'unsubscribe link', @now)
                ON CONFLICT DO NOTHING
                """, new { tenant = tx.TenantId, leadId, now }, tx.Transaction, cancellationToken: ct));
            await EnrollmentStore.StopLeadAsync(tx, leadId, "stopped: the lead unsubscribed (link in a workflow e-mail)", now, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
