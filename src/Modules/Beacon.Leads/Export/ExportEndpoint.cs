using System.Globalization;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Leads.Query;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.Export;

/// <summary>
/// <c>GET /api/v1/leads/export.csv</c>: every lead you may see, streamed row by row. With <c>truth=true</c> (admins)
/// the demo generator's true conversion probability and outcome are added (empty for leads it did not make).
/// </summary>
internal static class ExportEndpoint
{
    private static readonly string[] Header =
    [
        "id", "first_name", "last_name", "email", "emails", "phone", "phones", "source", "type", "stage", "price_min", "price_max",
        "zip_codes", "timeline", "financing", "property_street", "property_city", "property_state", "property_zip", "assigned_to",
        "tags", "custom_fields", "created_at", "last_activity_at",
    ];

    public static void Map(RouteGroupBuilder leads) =>
        leads.MapGet("/export.csv", Export).RequireAuthorization(Policies.ReadOnly)
            .WithName("ExportLeads").WithSummary("The leads you may see as CSV (formula cells neutralised); truth=true adds the demo ground truth.");

    private static Results<PushStreamHttpResult, ProblemHttpResult> Export(bool? truth, ClaimsPrincipal user, Db db)
    {
        if (truth == true && Roles.Rank(user.Role()) < Roles.Rank(Roles.Admin))
        {
            return ProblemResults.Forbidden("Only admins export the demo ground truth.");
        }

        return TypedResults.Stream(async stream =>
        {
            var ct = CancellationToken.None;
            await using var csv = CsvText.Create(stream);
            await csv.WriteRowAsync(truth == true ? [.. Header, "true_probability", "converted"] : Header, ct);
            var visibility = Visibility.Of(user);
            var p = new DynamicParameters(new { tenant = user.TenantId() });
            visibility.AddTo(p);
            await using var conn = await db.OpenAsync(user.TenantId(), ct);
            await using var reader = await conn.ExecuteReaderAsync(new CommandDefinition($"""
                SELECT l.id::text, l.first_name, l.last_name, l.emails[1], array_to_string(l.emails, ';'), l.phones[1],
                       array_to_string(l.phones, ';'), l.source, l.type, l.stage, l.price_min::text, l.price_max::text,
                       array_to_string(l.zip_codes, ';'), l.timeline, l.financing, l.property_street, l.property_city,
                       l.property_state, l.property_zip, l.assigned_to::text, array_to_string(l.tags, ';'), l.custom_fields::text,
                       to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                       to_char(l.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                       t.probability, t.converted
                  FROM leads.leads l LEFT JOIN leads.demo_truth t ON t.tenant_id = l.tenant_id AND t.lead_id = l.id
                 WHERE l.tenant_id = @tenant AND l.deleted_at IS NULL AND {visibility.Predicate}
                 ORDER BY l.created_at, l.id
                """, p, flags: CommandFlags.None, cancellationToken: ct));
            var cells = new string?[Header.Length + 2];
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < Header.Length; i++)
                {
                    cells[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
                }

                var width = Header.Length;
                if (truth == true)
                {
                    cells[width] = reader.IsDBNull(width) ? null : reader.GetDouble(width).ToString("0.######", CultureInfo.InvariantCulture);
                    cells[width + 1] = reader.IsDBNull(width + 1) ? null : reader.GetBoolean(width + 1) ? "1" : "0";
                    width += 2;
                }

                await csv.WriteRowAsync(cells.Take(width), ct);
            }
        }, "text/csv; charset=utf-8", "leads.csv");
    }
}
