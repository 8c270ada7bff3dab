using Beacon.Contracts.Leads;
using Beacon.Leads.Capture;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// Streams the records of an uploaded file through validation, in-memory dedupe and bulk writes, a chunk at a time.
/// A real run commits each chunk with the import's progress (rows committed, counts, percentage) in one
/// transaction, holding the tenant's import lock so captures of the same people wait for it; a retry after a crash
/// skips exactly the rows already committed. A dry run does the same work in one transaction and rolls it back, so
/// its counts are the real run's.
/// </summary>
internal sealed class ImportRunner(Db db, TimeProvider clock)
{
    public const int SampleErrors = 100;

    public async Task<ImportSummary> RunAsync(Guid tenant, CsvRecordReader csv, Func<int> percent, ColumnMapping mapping, ImportRun run,
        CancellationToken ct)
    {
        var fields = new List<string>();
        var rows = new List<ImportRow>();
        var errors = new List<ImportError>();
        var sample = new List<ImportError>();
        long rowNo = 0, created = 0, merged = 0, rejected = 0;
        var lastPercent = -1;
        var now = clock.GetUtcNow();
        TenantTransaction? dry = run.DryRun ? await db.BeginAsync(tenant, ct) : null;
        try
        {
            while (csv.TryRead(fields, out var error))
            {
                rowNo++;
                if (rowNo <= run.SkipRows || (error is null && fields.TrueForAll(string.IsNullOrWhiteSpace)))
                {
                    continue;
                }

                if (error is not null)
                {
                    errors.Add(new ImportError(rowNo, "$row", error, null));
                }
                else
                {
                    Validate(mapping, fields, csv, rowNo, run.DefaultSource, now, rows, errors);
                }

                if (rows.Count + errors.Count >= run.ChunkSize)
                {
                    (lastPercent, var c, var m, var r) = await FlushAsync(tenant, dry, rows, errors, rowNo, percent(), lastPercent, run, ct);
                    (created, merged, rejected) = (created + c, merged + m, rejected + r);
                    Sample(sample, errors);
                }
            }

            var (_, lc, lm, lr) = await FlushAsync(tenant, dry, rows, errors, rowNo, 100, lastPercent, run, ct);
            (created, merged, rejected) = (created + lc, merged + lm, rejected + lr);
            Sample(sample, errors);
            return new ImportSummary(run.DryRun ? null : run.ImportId, run.DryRun ? "dry_run" : "completed", run.DryRun, rowNo,
                created, merged, rejected, 100, mapping.Describe(), sample);
        }
        finally
        {
            if (dry is not null)
            {
                await dry.DisposeAsync();
            }
        }
    }

    private static void Validate(ColumnMapping mapping, List<string> fields, CsvRecordReader csv, long rowNo, string source, DateTimeOffset now,
        List<ImportRow> rows, List<ImportError> errors)
    {
        var mapErrors = new Errors();
        var request = RowMapper.ToRequest(mapping, fields, source, mapErrors);
        var draft = LeadValidator.Validate(request, now, out var validation);
        var all = mapErrors.ToDictionary().Concat(validation).ToList();
        if (draft is not null && all.Count == 0)
        {
            rows.Add(new ImportRow(rowNo, draft));
            return;
        }

        // The row as it is in the file; the error report neutralises formulas when it writes it out.
        var raw = csv.Raw;
        errors.AddRange(all.Select(e => new ImportError(rowNo, e.Key, e.Value[0], raw)));
    }

    private async Task<(int Percent, long Created, long Merged, long Rejected)> FlushAsync(Guid tenant, TenantTransaction? dry, List<ImportRow> rows,
        List<ImportError> errors, long lastRow, int percent, int lastPercent, ImportRun run, CancellationToken ct)
    {
        var tx = dry ?? await db.BeginAsync(tenant, ct);
        try
        {
            var now = clock.GetUtcNow();
            if (dry is null)
            {
                await tx.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)",
                    new { key = IdentityLocks.TenantImportKey(tenant) }, tx.Transaction, cancellationToken: ct));
            }

            var plan = await PlanAsync(tx, rows, run, now, ct);
            await ChunkWriter.WriteAsync(tx, plan, run.ImportId, run.Actor, errors, dry is null, now, ct);
            var rejectedRows = errors.Select(e => e.RowNo).Distinct().Count();
            if (dry is null)
            {
                await tx.Connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE leads.imports SET rows_committed = @lastRow, created = created + @created, merged = merged + @merged,
                           rejected = rejected + @rejected, percent = @percent, heartbeat_at = @now
                     WHERE tenant_id = @tenant AND id = @id
                    """, new
                {
                    tenant,
                    id = run.ImportId,
                    lastRow,
                    created = (long)plan.Created.Count,
                    merged = plan.Merged,
                    rejected = (long)rejectedRows,
                    percent = Math.Min(percent, 99),
                    now,
                }, tx.Transaction, cancellationToken: ct));
                if (percent > lastPercent)
                {
                    tx.Publish(new LeadImportProgress(Guid.CreateVersion7(now), tenant, now, run.ImportId, Math.Min(percent, 99), lastRow));
                }

                await tx.CommitAsync(ct);
            }

            rows.Clear();
            return (Math.Max(percent, lastPercent), plan.Created.Count, plan.Merged, rejectedRows);
        }
        finally
        {
            if (dry is null)
            {
                await tx.DisposeAsync();
            }
        }
    }

    private static async Task<ChunkPlan> PlanAsync(TenantTransaction tx, List<ImportRow> rows, ImportRun run, DateTimeOffset now,
        CancellationToken ct)
    {
        var identities = rows.SelectMany(r => r.Draft.Identities()).Distinct().ToList();
        var known = (await tx.Connection.QueryAsync<(string Kind, string Value, Guid LeadId)>(new CommandDefinition("""
                SELECT i.kind::text, i.value, i.lead_id FROM leads.identities i
                  JOIN leads.leads l ON l.tenant_id = i.tenant_id AND l.id = i.lead_id AND l.deleted_at IS NULL
                 WHERE i.tenant_id = @tenant
                   AND ((i.kind = 'e' AND i.value = ANY(@emails)) OR (i.kind = 'p' AND i.value = ANY(@phones))
                        OR (i.kind = 'x' AND i.value = ANY(@externalIds)))
                """, new
        {
            tenant = tx.TenantId,
            emails = Values(identities, 'e'),
            phones = Values(identities, 'p'),
            externalIds = Values(identities, 'x'),
        },
                tx.Transaction, cancellationToken: ct)))
            .ToDictionary(k => (k.Kind[0], k.Value), k => k.LeadId);
        var ids = known.Values.Distinct().ToArray();
        var existing = ids.Length == 0
            ? []
            : (await tx.Connection.QueryAsync<LeadRow>(new CommandDefinition(
                $"SELECT {LeadRow.Columns} FROM leads.leads WHERE tenant_id = @tenant AND id = ANY(@ids) FOR UPDATE",
                new { tenant = tx.TenantId, ids }, tx.Transaction, cancellationToken: ct))).ToDictionary(r => r.Id);
        return ChunkPlan.Build(rows, known, existing, run.ImportId, run.Actor, now);
    }

    private static string[] Values(List<(char Kind, string Value)> identities, char kind) =>
        identities.Where(i => i.Kind == kind).Select(i => i.Value).ToArray();

    private static void Sample(List<ImportError> sample, List<ImportError> errors)
    {
        sample.AddRange(errors.Take(SampleErrors - sample.Count));
        errors.Clear();
    }
}
