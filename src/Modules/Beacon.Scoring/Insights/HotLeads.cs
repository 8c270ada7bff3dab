using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Beacon.Contracts.Leads;
using Beacon.Scoring.Api;
using Beacon.Scoring.Features;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.Insights;

internal sealed record HotLeadsQuery([property: Range(1, 50)] int? Limit);

/// <param name="WaitingSince">The last human touch, or the capture when nobody has reached out yet.</param>
/// <param name="Why">The scorer's own reasons that pushed the score up, in a realtor's words.</param>
internal sealed record HotLead(Guid LeadId, string Name, string Stage, double Probability, string Grade, string Method,
    int? ModelVersion, DateTimeOffset? LastTouchAt, DateTimeOffset WaitingSince, IReadOnlyList<string> Why);

/// <param name="QuietHours">A touch within this many hours takes a lead off the list.</param>
internal sealed record HotLeads(int QuietHours, IReadOnlyList<HotLead> Leads);

/// <summary>
/// The signed-in user's leads to call today: open, assigned to them, grade A or B (an override counts), and nobody
/// has called, texted, e-mailed or met them within <see cref="ScoringOptions.HotLeadQuietHours"/>. A before B; within
/// a grade the longest wait first, then the higher probability.
/// </summary>
internal static class HotLeadsEndpoint
{
    public static async Task<Results<Ok<HotLeads>, StatusCodeHttpResult>> GetAsync([AsParameters] HotLeadsQuery query, HttpContext http,
        ClaimsPrincipal user, Db db, ILeadRoster roster, IOptions<ScoringOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var quiet = options.Value.HotLeadQuietHours;
        var mine = (await roster.AssignedOpenLeadsAsync(user, ct))
            .Where(l => l.LastTouchAt is not { } t || now - t >= TimeSpan.FromHours(quiet))
            .ToDictionary(l => l.LeadId);
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var scores = await conn.QueryAsync<(Guid LeadId, double Probability, string Grade, string Method, int? Version, string Reasons)>(
            new CommandDefinition("""
                SELECT lead_id, probability, coalesce(override_grade, grade), method, model_version, reasons::text
                  FROM scoring.scores
                 WHERE tenant_id = @tenant AND lead_id = ANY(@ids) AND coalesce(override_grade, grade) IN ('A', 'B')
                """, new { tenant = user.TenantId(), ids = mine.Keys.ToArray() }, cancellationToken: ct));
        var hot = scores.Select(s =>
            {
                var lead = mine[s.LeadId];
                var since = lead.LastTouchAt ?? lead.CreatedAt;
                return new HotLead(s.LeadId, lead.Name, lead.Stage, s.Probability, s.Grade, s.Method, s.Version, lead.LastTouchAt,
                    since, Why(s.Reasons));
            })
            .OrderBy(h => h.Grade, StringComparer.Ordinal).ThenBy(h => h.WaitingSince).ThenByDescending(h => h.Probability)
            .Take(query.Limit ?? 10).ToList();
        return ETagged.Answer(http, new HotLeads(quiet, hot));
    }

    private static List<string> Why(string reasons) =>
        [.. (JsonSerializer.Deserialize<List<ScoreReason>>(reasons, ScoringJson.Options) ?? [])
            .Where(r => r.Direction == "up").Take(3).Select(r => r.Text)];
}
