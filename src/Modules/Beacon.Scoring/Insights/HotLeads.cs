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
using Npgsql;
using Candidate = (System.Guid LeadId, double Probability, string Grade, string Method, int? ModelVersion);

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
/// <remarks>
/// Read from the scores inward (ADR 0033): the caller's A and B scores by index (the score row carries the lead's agent),
/// then Leads' last touch for the A leads only — the B leads too only when the A leads do not fill the list — and the
/// reasons of the few leads shown. Leads still decides "assigned to the caller and open", so a score row that has not
/// yet followed a reassignment shows nothing it should not.
/// </remarks>
internal static class HotLeadsEndpoint
{
    public static async Task<Results<Ok<HotLeads>, StatusCodeHttpResult>> GetAsync([AsParameters] HotLeadsQuery query, HttpContext http,
        ClaimsPrincipal user, Db db, ILeadRoster roster, IOptions<ScoringOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var quiet = options.Value.HotLeadQuietHours;
        var limit = query.Limit ?? 10;
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var candidates = (await conn.QueryAsync<Candidate>(new CommandDefinition("""
            SELECT s.lead_id, s.probability, coalesce(s.override_grade, s.grade), s.method, s.model_version
              FROM scoring.scores s
             WHERE s.tenant_id = @tenant AND s.agent_id = @me AND coalesce(s.override_grade, s.grade) IN ('A', 'B')
               AND NOT EXISTS (SELECT 1 FROM scoring.outcomes o WHERE o.tenant_id = s.tenant_id AND o.lead_id = s.lead_id)
            """, new { tenant = user.TenantId(), me = user.UserId() }, cancellationToken: ct))).ToList();

        var hot = new List<(Candidate Score, RosterLead Lead)>();
        foreach (var grade in new[] { "A", "B" })
        {
            if (hot.Count >= limit)
            {
                break;
            }

            var ofGrade = candidates.Where(c => c.Grade == grade).ToDictionary(c => c.LeadId);
            hot.AddRange((await roster.AssignedOpenLeadsAmongAsync(user, ofGrade.Keys, ct))
                .Where(l => l.LastTouchAt is not { } t || now - t >= TimeSpan.FromHours(quiet))
                .Select(l => (Score: ofGrade[l.LeadId], Lead: l))
                .OrderBy(h => h.Lead.LastTouchAt ?? h.Lead.CreatedAt).ThenByDescending(h => h.Score.Probability));
        }

        var shown = hot.Take(limit).ToList();
        var reasons = await ReasonsAsync(conn, user.TenantId(), [.. shown.Select(h => h.Score.LeadId)], ct);
        var leads = shown.Select(h => new HotLead(h.Score.LeadId, h.Lead.Name, h.Lead.Stage, h.Score.Probability, h.Score.Grade,
            h.Score.Method, h.Score.ModelVersion, h.Lead.LastTouchAt, h.Lead.LastTouchAt ?? h.Lead.CreatedAt,
            Why(reasons.GetValueOrDefault(h.Score.LeadId, "[]")))).ToList();
        return ETagged.Answer(http, new HotLeads(quiet, leads));
    }

    private static async Task<Dictionary<Guid, string>> ReasonsAsync(NpgsqlConnection conn, Guid tenant, Guid[] ids, CancellationToken ct) =>
        (await conn.QueryAsync<(Guid LeadId, string Reasons)>(new CommandDefinition("""
            SELECT lead_id, reasons::text FROM scoring.scores WHERE tenant_id = @tenant AND lead_id = ANY(@ids)
            """, new { tenant, ids }, cancellationToken: ct))).ToDictionary(r => r.LeadId, r => r.Reasons);

    private static List<string> Why(string reasons) =>
        [.. (JsonSerializer.Deserialize<List<ScoreReason>>(reasons, ScoringJson.Options) ?? [])
            .Where(r => r.Direction == "up").Take(3).Select(r => r.Text)];
}
