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
using Candidate = (System.Guid LeadId, double Probability, string Grade, string Method, int? ModelVersion,
    System.DateTimeOffset WaitingSince);

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
/// Read in the order shown (ADR 0033): each score row keeps its lead's agent and how long the lead has waited for a
/// person (<see cref="WaitingSince"/>), so the caller's longest-waiting A leads are the first rows of one index range
/// (<c>scores_agent_waiting</c>), read a page at a time; B only when A does not fill the list. Leads then confirms
/// "assigned to the caller, open, not touched since" for the page and gives the exact last touch shown, so a score row
/// that has not yet followed a reassignment or a touch shows nothing it should not.
/// </remarks>
internal static class HotLeadsEndpoint
{
    public static async Task<Results<Ok<HotLeads>, StatusCodeHttpResult>> GetAsync([AsParameters] HotLeadsQuery query, HttpContext http,
        ClaimsPrincipal user, Db db, ILeadRoster roster, IOptions<ScoringOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var quiet = options.Value.HotLeadQuietHours;
        var limit = query.Limit ?? 10;
        var cutoff = now - TimeSpan.FromHours(quiet);
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var hot = new List<(Candidate Score, RosterLead Lead)>();
        foreach (var grade in new[] { "A", "B" })
        {
            var ofGrade = new List<(Candidate Score, RosterLead Lead)>();
            var after = (Since: DateTimeOffset.MinValue, Id: Guid.Empty);
            var pageSize = Math.Max(20, limit * 2);
            while (hot.Count + ofGrade.Count < limit)
            {
                var page = await PageAsync(conn, user, grade, cutoff, after, pageSize, ct);
                var byId = page.ToDictionary(c => c.LeadId);
                ofGrade.AddRange((await roster.AssignedOpenLeadsAmongAsync(user, byId.Keys, ct))
                    .Where(l => l.LastTouchAt is not { } t || t <= cutoff)
                    .Select(l => (Score: byId[l.LeadId], Lead: l)));
                if (page.Count < pageSize)
                {
                    break;
                }

                after = (page[^1].WaitingSince, page[^1].LeadId);
            }

            hot.AddRange(ofGrade.OrderBy(h => h.Lead.LastTouchAt ?? h.Lead.CreatedAt).ThenByDescending(h => h.Score.Probability));
        }

        var shown = hot.Take(limit).ToList();
        var reasons = await ReasonsAsync(conn, user.TenantId(), [.. shown.Select(h => h.Score.LeadId)], ct);
        var leads = shown.Select(h => new HotLead(h.Score.LeadId, h.Lead.Name, h.Lead.Stage, h.Score.Probability, h.Score.Grade,
            h.Score.Method, h.Score.ModelVersion, h.Lead.LastTouchAt, h.Lead.LastTouchAt ?? h.Lead.CreatedAt,
            Why(reasons.GetValueOrDefault(h.Score.LeadId, "[]")))).ToList();
        return ETagged.Answer(http, new HotLeads(quiet, leads));
    }

    /// <summary>The caller's open leads of one grade not touched since <paramref name="cutoff"/>, longest waiting first, after a key.</summary>
    private static async Task<List<Candidate>> PageAsync(NpgsqlConnection conn, ClaimsPrincipal user, string grade, DateTimeOffset cutoff,
        (DateTimeOffset Since, Guid Id) after, int pageSize, CancellationToken ct) =>
        [.. await conn.QueryAsync<Candidate>(new CommandDefinition("""
            SELECT s.lead_id, s.probability, s.shown_grade, s.method, s.model_version, s.waiting_since
              FROM scoring.scores s
             WHERE s.tenant_id = @tenant AND s.agent_id = @me AND s.shown_grade = @grade
               AND (s.last_touch_at IS NULL OR s.last_touch_at <= @cutoff) AND (s.waiting_since, s.lead_id) > (@since, @id)
               AND NOT EXISTS (SELECT 1 FROM scoring.outcomes o WHERE o.tenant_id = s.tenant_id AND o.lead_id = s.lead_id)
             ORDER BY s.waiting_since, s.lead_id
             LIMIT @pageSize
            """, new { tenant = user.TenantId(), me = user.UserId(), grade, cutoff, since = after.Since, id = after.Id, pageSize },
            cancellationToken: ct))];

    private static async Task<Dictionary<Guid, string>> ReasonsAsync(NpgsqlConnection conn, Guid tenant, Guid[] ids, CancellationToken ct) =>
        (await conn.QueryAsync<(Guid LeadId, string Reasons)>(new CommandDefinition("""
            SELECT lead_id, reasons::text FROM scoring.scores WHERE tenant_id = @tenant AND lead_id = ANY(@ids)
            """, new { tenant, ids }, cancellationToken: ct))).ToDictionary(r => r.LeadId, r => r.Reasons);

    private static List<string> Why(string reasons) =>
        [.. (JsonSerializer.Deserialize<List<ScoreReason>>(reasons, ScoringJson.Options) ?? [])
            .Where(r => r.Direction == "up").Take(3).Select(r => r.Text)];
}
