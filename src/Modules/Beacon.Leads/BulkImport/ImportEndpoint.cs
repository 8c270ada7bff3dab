using System.Security.Claims;
using System.Text;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Leads.Capture;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// <c>POST /api/v1/leads/imports</c> with a CSV body (<c>text/csv</c>): <c>dryRun=true</c> reports what would be
/// created, merged and rejected; otherwise the rows are imported (no per-lead notifications, one
/// <c>lead.imported</c>). Send the same <c>Idempotency-Key</c> to retry: the import resumes where it stopped.
/// </summary>
internal static class ImportEndpoint
{
    public const long MaxFileBytes = 4L * 1024 * 1024 * 1024;

    public static void Map(RouteGroupBuilder leads) =>
        leads.MapPost("/imports", ImportAsync).RequireAuthorization(Policies.TeamLead)
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .Accepts<string>("text/csv")
            .WithName("ImportLeads")
            .WithSummary("Import a CSV of leads (streamed; mapping auto-detected or given; dryRun; resumable with Idempotency-Key).");

    private static async Task<Results<Ok<ImportSummary>, Created<ImportSummary>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        bool? dryRun, string? mapping, string? source, int? chunkSize, HttpContext http, ClaimsPrincipal user, Db db, ImportRunner runner,
        TimeProvider clock, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFileBytes;
        }

        var errors = new Errors();
        var overrides = ColumnMapping.ParseOverrides(mapping, errors);
        var chunk = chunkSize ?? 5000;
        if (chunk is < 10 or > 20_000)
        {
            errors.Add("chunkSize", "Between 10 and 20000 rows.");
        }

        var defaultSource = LeadValidator.Text(source, "source", errors)?.ToLowerInvariant() ?? "import";
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        await using var file = await UploadedFile.SpoolAsync(http.Request.Body, ct);
        if (file.Length == 0)
        {
            return ProblemResults.Field("file", "The file is empty.");
        }

        if (await file.CheckUtf8Async(ct) is { } encoding)
        {
            return ProblemResults.Field("file", encoding);
        }

        using var text = new StreamReader(file.Stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        var csv = new CsvRecordReader(text);
        var header = new List<string>();
        if (!csv.TryRead(header, out var headerError) || header.TrueForAll(string.IsNullOrWhiteSpace))
        {
            return ProblemResults.Field("file", "The file has no header row.");
        }

        if (headerError is not null)
        {
            return ProblemResults.Field("file", $"The header row is not valid: {headerError}");
        }

        var columns = ColumnMapping.Create(header, overrides, errors);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var tenant = user.TenantId();
        if (dryRun == true)
        {
            var preview = await runner.RunAsync(tenant, csv, () => file.Percent(csv.Consumed), columns,
                new ImportRun(Guid.CreateVersion7(), user.UserId(), true, 0, defaultSource, chunk), ct);
            return TypedResults.Ok(preview);
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 and <= 200 } k ? k : Guid.NewGuid().ToString("N");
        var claim = await ImportRecords.ClaimAsync(db, tenant, key, string.Join(',', header), file.Length, user.UserId(), defaultSource,
            clock.GetUtcNow(), ct);
        switch (claim.State)
        {
            case ClaimState.Mismatch:
                return TypedResults.Problem(title: "This Idempotency-Key belongs to an import of another file.",
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            case ClaimState.Busy:
                return ProblemResults.Conflict("This import is still running.", $"Follow it at /api/v1/leads/imports/{claim.ImportId}.");
            case ClaimState.Undone:
                return ProblemResults.Conflict("This import was undone; upload with a new Idempotency-Key to import again.");
            case ClaimState.Completed:
                return TypedResults.Ok(await SummaryAsync(db, tenant, claim.ImportId, columns, ct));
        }

        try
        {
            await runner.RunAsync(tenant, csv, () => file.Percent(csv.Consumed), columns,
                new ImportRun(claim.ImportId, user.UserId(), false, claim.SkipRows, defaultSource, chunk), ct);
        }
        catch (Exception e)
        {
            // Interrupted (client gone, node stopping) or failed: the committed chunks stay; a retry resumes after them.
            await ImportRecords.SetStatusAsync(db, tenant, claim.ImportId, e is OperationCanceledException ? "interrupted" : "failed",
                e.Message, clock.GetUtcNow());
            throw;
        }

        await using (var tx = await db.BeginAsync(tenant, ct))
        {
            var now = clock.GetUtcNow();
            var done = await ImportRecords.CompleteAsync(tx, claim.ImportId, now, ct);
            tx.Publish(new LeadImported(Guid.CreateVersion7(now), tenant, now, claim.ImportId, "completed", done.Created, done.Merged, done.Rejected));
            await tx.CommitAsync(ct);
        }

        var summary = await SummaryAsync(db, tenant, claim.ImportId, columns, ct);
        return TypedResults.Created($"/api/v1/leads/imports/{claim.ImportId}", summary);
    }

    private static async Task<ImportSummary> SummaryAsync(Db db, Guid tenant, Guid id, ColumnMapping columns, CancellationToken ct)
    {
        var s = (await ImportRecords.GetAsync(db, tenant, id, ct))!;
        return new ImportSummary(s.Id, s.Status, false, s.RowsCommitted, s.Created, s.Merged, s.Rejected, s.Percent, columns.Describe(), [], s.Error);
    }
}
