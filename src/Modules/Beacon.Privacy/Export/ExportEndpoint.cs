using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Privacy.Export;

/// <summary>
/// The Art. 15/20 export: one JSON document, one section per module (lead with timeline and assignments, score with
/// its logic and reasons, enrichment with provenance, consents). <c>format</c> versions the document's shape.
/// </summary>
internal sealed record LeadExportDocument(string Format, Guid LeadId, DateTimeOffset ExportedAt, Guid ExportedBy,
    IReadOnlyDictionary<string, object?> Sections);

internal static class ExportEndpoint
{
    public const string Format = "beacon.lead-export.v1";

    public static void Map(RouteGroupBuilder leads) =>
        leads.MapGet("/{id:guid}/export", ExportAsync).RequireAuthorization(Policies.Agent)
            .WithName("ExportLeadData")
            .WithSummary("Everything Beacon holds about a lead, machine-readable (GDPR Art. 15 and 20), as a JSON download.");

    private static async Task<Results<Ok<LeadExportDocument>, ProblemHttpResult>> ExportAsync(Guid id, ClaimsPrincipal user,
        ILeadAccess access, IEnumerable<IPersonalDataExporter> exporters, Db db, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        // An invisible lead answers exactly what an unknown one does.
        if (!await access.MayViewAsync(user, id, ct))
        {
            return TypedResults.Problem(title: "No such lead.", statusCode: StatusCodes.Status404NotFound);
        }

        var sections = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        await using (var conn = await db.OpenAsync(user.TenantId(), ct))
        {
            var context = new ExportContext(conn, user.TenantId(), id);
            foreach (var exporter in exporters)
            {
                sections[exporter.Section] = await exporter.ExportLeadAsync(context, ct);
            }
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"lead-{id}.json\"";
        return TypedResults.Ok(new LeadExportDocument(Format, id, clock.GetUtcNow(), user.UserId(), sections));
    }
}
