using System.Security.Claims;
using System.Text;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Leads.Capture;
using Beacon.Leads.Export;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.BulkImport;

/// <summary>An import's progress, its per-row error file, and undo of the whole batch.</summary>
internal static class ImportStatusEndpoints
{
    public static void Map(RouteGroupBuilder leads)
    {
        leads.MapGet("/imports", ListAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("ListLeadImports").WithSummary("Recent imports (optionally the one with an Idempotency-Key).");
        leads.MapGet("/imports/{id:guid}", GetAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("GetLeadImport").WithSummary("An import's status and progress (percent) for a progress bar.");
        leads.MapGet("/imports/{id:guid}/errors.csv", Errors).RequireAuthorization(Policies.TeamLead)
            .WithName("GetLeadImportErrors").WithSummary("The rejected rows with their reasons, as CSV.");
        leads.MapDelete("/imports/{id:guid}", UndoAsync).RequireAuthorization(Policies.Admin)
            .WithName("UndoLeadImport").WithSummary("Undo an import: the leads it created leave every list.");
    }

    private static async Task<Ok<List<ImportStatus>>> ListAsync(string? key, ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var rows = await conn.QueryAsync<ImportStatus>(new CommandDefinition($"""
            SELECT {ImportStatus.Columns} FROM leads.imports
             WHERE tenant_id = @tenant AND (@key::text IS NULL OR key = @key) ORDER BY created_at DESC LIMIT 50
            """, new { tenant = user.TenantId(), key }, cancellationToken: ct));
        return TypedResults.Ok(rows.ToList());
    }

    private static async Task<Results<Ok<ImportStatus>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, Db db, CancellationToken ct) =>
        await ImportRecords.GetAsync(db, user.TenantId(), id, ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound();

    private static async Task<Results<PushStreamHttpResult, NotFound>> Errors(Guid id, ClaimsPrincipal user, Db db, CancellationToken ct) =>
        await ImportRecords.GetAsync(db, user.TenantId(), id, ct) is null ? TypedResults.NotFound() : TypedResults.Stream(async stream =>
        {
            await using var csv = CsvText.Create(stream);
            await csv.WriteRowAsync(["row", "field", "reason", "record"], CancellationToken.None);
            await using var conn = await db.OpenAsync(user.TenantId(), CancellationToken.None);
            var rows = conn.QueryUnbufferedAsync<(long Row, string Field, string Reason, string? Raw)>(
                "SELECT row_no, field, reason, raw FROM leads.import_errors WHERE tenant_id = @tenant AND import_id = @id ORDER BY row_no, field",
                new { tenant = user.TenantId(), id });
            await foreach (var r in rows)
            {
                await csv.WriteRowAsync([r.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Field, r.Reason, r.Raw],
                    CancellationToken.None);
            }
        }, "text/csv; charset=utf-8", "import-errors.csv");

    private static async Task<Results<Ok<ImportStatus>, NotFound, ProblemHttpResult>> UndoAsync(Guid id, ClaimsPrincipal user, Db db,
        TimeProvider clock, CancellationToken ct)
    {
        var tenant = user.TenantId();
        var now = clock.GetUtcNow();
        await using (var tx = await db.BeginAsync(tenant, ct))
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)",
                new { key = IdentityLocks.TenantImportKey(tenant) }, tx.Transaction, cancellationToken: ct));
            var status = await tx.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT status FROM leads.imports WHERE tenant_id = @tenant AND id = @id FOR UPDATE", new { tenant, id }, tx.Transaction,
                cancellationToken: ct));
            if (status is null)
            {
                return TypedResults.NotFound();
            }

            if (status is "running" or "undone")
            {
                return ProblemResults.Conflict(status == "running" ? "The import is still running." : "The import was already undone.");
            }

            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM leads.identities i USING leads.leads l
                 WHERE i.tenant_id = @tenant AND l.tenant_id = @tenant AND l.import_id = @id AND l.deleted_at IS NULL AND i.lead_id = l.id;
                UPDATE leads.leads SET deleted_at = @now, updated_at = @now, version = version + 1
                 WHERE tenant_id = @tenant AND import_id = @id AND deleted_at IS NULL;
                UPDATE leads.imports SET status = 'undone', undone_at = @now WHERE tenant_id = @tenant AND id = @id;
                """, new { tenant, id, now }, tx.Transaction, commandTimeout: 600, cancellationToken: ct));
            tx.Publish(new LeadImported(Guid.CreateVersion7(now), tenant, now, id, "undone", 0, 0, 0));
            await tx.CommitAsync(ct);
        }

        return TypedResults.Ok((await ImportRecords.GetAsync(db, tenant, id, ct))!);
    }
}
