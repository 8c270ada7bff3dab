using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// One real run of an import to its end, in the request or in the background: the rows, then the import marked
/// completed with one <c>lead.imported</c> (which has the batch scored and enriched). Interrupted or failed, the
/// committed chunks stay and the status says so; the same Idempotency-Key resumes after them.
/// </summary>
internal sealed class ImportExecution(ImportRunner runner, Db db, TimeProvider clock)
{
    public async Task RunAsync(Guid tenant, ImportSource source, ColumnMapping columns, ImportRun run, CancellationToken ct)
    {
        try
        {
            await runner.RunAsync(tenant, source.Csv, source.Percent, columns, run, ct);
        }
        catch (Exception e)
        {
            await ImportRecords.SetStatusAsync(db, tenant, run.ImportId, e is OperationCanceledException ? "interrupted" : "failed",
                e.Message, clock.GetUtcNow());
            throw;
        }

        await using var tx = await db.BeginAsync(tenant, ct);
        var now = clock.GetUtcNow();
        var done = await ImportRecords.CompleteAsync(tx, run.ImportId, now, ct);
        tx.Publish(new LeadImported(Guid.CreateVersion7(now), tenant, now, run.ImportId, "completed", done.Created, done.Merged, done.Rejected));
        await tx.CommitAsync(ct);
    }
}
