namespace Beacon.Bench.Faults;

/// <summary>
/// Holds a capture stream's answers against the database: every lead id a 2xx named must be a stored lead
/// (acknowledged-but-lost = 0), no external id may be stored twice and no key answered with two lead ids
/// (duplicated = 0). A capture stored but never acknowledged (the answer was lost, and no retry came before the
/// deadline) is not a loss: the client was never told it succeeded. It is counted apart.
/// </summary>
internal static class CaptureAudit
{
    public static async Task<long> CheckAsync(string admin, Guid tenant, CaptureStream stream, FaultReport report)
    {
        var acknowledged = stream.Attempts.Where(a => a.Acknowledged).ToList();
        var ids = acknowledged.Select(a => a.LeadId!.Value).Distinct().ToArray();
        var pattern = stream.Run + "-%";
        var lost = await FaultDb.ScalarAsync(admin, """
            SELECT count(*) FROM unnest($2::uuid[]) a(id)
             WHERE NOT EXISTS (SELECT 1 FROM leads.leads l WHERE l.tenant_id = $1 AND l.id = a.id AND l.deleted_at IS NULL)
            """, tenant, ids);
        var stored = await FaultDb.ScalarAsync(admin,
            "SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND external_id LIKE $2 AND deleted_at IS NULL", tenant, pattern);
        var duplicated = await FaultDb.ScalarAsync(admin,
            "SELECT count(*) - count(DISTINCT external_id) FROM leads.leads WHERE tenant_id = $1 AND external_id LIKE $2 AND deleted_at IS NULL",
            tenant, pattern);
        var twoIds = acknowledged.GroupBy(a => a.Key).Count(g => g.Select(a => a.LeadId).Distinct().Count() > 1);
        var acknowledgedKeys = acknowledged.Select(a => a.Key).Distinct().Count();
        var never = stream.Outcomes.Count(o => !o.Acknowledged);
        report.Figure($"captures: {stream.Outcomes.Count} sent, {acknowledgedKeys} acknowledged, {stored} stored " +
                      $"({stored - acknowledgedKeys} stored but never acknowledged), {never} never acknowledged");
        report.Require(lost == 0, $"acknowledged-but-lost = {lost} (a 2xx whose lead is not stored)");
        report.Require(duplicated == 0 && twoIds == 0, $"duplicated = {duplicated} (an external id stored twice), keys answered with two lead ids = {twoIds}");
        return stored;
    }
}
