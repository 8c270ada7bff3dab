using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Leads.Capture;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.RateLimits;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// <c>POST /api/v1/leads/imports</c> with a CSV body (<c>text/csv</c>): <c>dryRun=true</c> reports what would be
/// created, merged and rejected; otherwise the rows are imported (no per-lead notifications, one
/// <c>lead.imported</c>, which has every imported lead scored and enriched in the bulk lane). A file larger than
/// <c>Beacon:Leads:Import:BackgroundAboveBytes</c> is answered 202 with the import's URL and imported in the background.
/// Send the same <c>Idempotency-Key</c> to retry: the import resumes where it stopped.
/// </summary>
internal static class ImportEndpoint
{
    public const long MaxFileBytes = 4L * 1024 * 1024 * 1024;

    public static void Map(RouteGroupBuilder leads) =>
        leads.MapPost("/imports", ImportAsync).RequireAuthorization(Policies.TeamLead)
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .Accepts<string>("text/csv")
            .WithName("ImportLeads")
            .WithSummary("Import a CSV of leads (streamed; mapping auto-detected or given; dryRun; resumable with Idempotency-Key; large files 202 + Location).");

    private static async Task<Results<Ok<ImportSummary>, Created<ImportSummary>, Accepted<ImportSummary>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        bool? dryRun, string? mapping, string? source, int? chunkSize, HttpContext http, ClaimsPrincipal user, Db db, ImportRunner runner,
        ImportExecution execution, BackgroundImports background, IOptions<ImportOptions> options, TimeProvider clock,
        IRateLimitGate limits, CancellationToken ct)
    {
        // Imports have a quota of their own in the tenant's policy (dry runs are free). Only an upload that starts or
        // resumes an import spends it (below); a spent quota is refused here, before the upload is read.
        if (dryRun != true && await SpentAsync(limits, user, ct) is { } spent)
        {
            RateLimitHeaders.Write(http.Response, spent);
            return RateLimitFilter.TooManyRequests(spent);
        }

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

        var file = await UploadedFile.SpoolAsync(http.Request.Body, ct);
        var upload = new ImportSource(file);
        try
        {
            if (await CheckAsync(upload, ct) is { } refused)
            {
                return refused;
            }

            var columns = ColumnMapping.Create(upload.Header, overrides, errors);
            if (errors.Any)
            {
                return TypedResults.ValidationProblem(errors.ToDictionary());
            }

            var tenant = user.TenantId();
            if (dryRun == true)
            {
                return TypedResults.Ok(await runner.RunAsync(tenant, upload.Csv, upload.Percent, columns,
                    new ImportRun(Guid.CreateVersion7(), user.UserId(), true, 0, defaultSource, chunk), ct));
            }

            var key = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 and <= 200 } k ? k : Guid.NewGuid().ToString("N");
            var claim = await ImportRecords.ClaimAsync(db, tenant, key, string.Join(',', upload.Header), file.Length, user.UserId(),
                defaultSource, clock.GetUtcNow(), ct);
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

            // A retry answered above (still running, done, undone, another file) took nothing from the quota.
            if (await limits.AcquireAsync(RateLimitScope.Import, RateLimitSubject.Of(user), ct) is { Allowed: false } raced)
            {
                // Spent by another upload since the check: the claim is let go, to be resumed with this key later.
                await ImportRecords.SetStatusAsync(db, tenant, claim.ImportId, "interrupted",
                    "The import quota is spent; nothing more was imported. Upload again with the same Idempotency-Key once it resets.",
                    clock.GetUtcNow());
                RateLimitHeaders.Write(http.Response, raced);
                return RateLimitFilter.TooManyRequests(raced);
            }

            var run = new ImportRun(claim.ImportId, user.UserId(), false, claim.SkipRows, defaultSource, chunk);
            var location = $"/api/v1/leads/imports/{claim.ImportId}";
            if (file.Length > options.Value.BackgroundAboveBytes)
            {
                // A large file is not held in the request (a proxy would time it out): the import goes on in the
                // background and the UI follows its progress at the Location.
                background.Start(tenant, upload, columns, run);
                upload = null;
                return TypedResults.Accepted(location, await SummaryAsync(db, tenant, claim.ImportId, columns, ct));
            }

            await execution.RunAsync(tenant, upload, columns, run, ct);
            return TypedResults.Created(location, await SummaryAsync(db, tenant, claim.ImportId, columns, ct));
        }
        finally
        {
            if (upload is not null)
            {
                await upload.DisposeAsync();
            }
        }
    }

    /// <summary>The import quota as it stands, as a refusal when it is spent (nothing is taken).</summary>
    private static async Task<RateLimitDecision?> SpentAsync(IRateLimitGate limits, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = await limits.PeekAsync(RateLimitScope.Import, RateLimitSubject.Of(user), ct);
        return now.Principal.Remaining == 0 || now.Tenant.Remaining == 0 ? now with { Allowed = false } : null;
    }

    /// <summary>The file-level checks, in order; null when the file may be imported (its header is then read).</summary>
    private static async Task<ValidationProblem?> CheckAsync(ImportSource upload, CancellationToken ct)
    {
        var file = upload.File;
        if (file.Length == 0)
        {
            return ProblemResults.Field("file", "The file is empty.");
        }

        if (await file.CheckUtf8Async(ct) is { } encoding)
        {
            return ProblemResults.Field("file", encoding);
        }

        if (file.HasNul && NulCharacters.Find(file.Stream) is var (row, column))
        {
            return row == 0 || string.IsNullOrWhiteSpace(column)
                ? ProblemResults.Field("file", "The header row contains a NUL character (U+0000); remove it and upload again.")
                : ProblemResults.Field(column, $"Row {row} contains a NUL character (U+0000) in column '{column}'; remove it and upload "
                    + "again. Nothing was imported.");
        }

        return upload.TryReadHeader(out var headerError) ? null : ProblemResults.Field("file", headerError);
    }

    private static async Task<ImportSummary> SummaryAsync(Db db, Guid tenant, Guid id, ColumnMapping columns, CancellationToken ct)
    {
        var s = (await ImportRecords.GetAsync(db, tenant, id, ct))!;
        return new ImportSummary(s.Id, s.Status, false, s.RowsCommitted, s.Created, s.Merged, s.Rejected, s.Percent, columns.Describe(), [], s.Error);
    }
}
