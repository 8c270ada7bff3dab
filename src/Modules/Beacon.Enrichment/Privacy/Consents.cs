using System.Globalization;
using Beacon.Enrichment.Providers;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Privacy;

/// <summary>What the pipeline must know before it may enrich: an objection (stop), a credit consent (soft pull).</summary>
internal static class Consents
{
    public static async Task<bool> ObjectedAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM enrichment.objections WHERE tenant_id = @tenant AND lead_id = @leadId)",
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));

    public static async Task<CreditConsent?> CreditAsync(TenantTransaction tx, Guid leadId, CancellationToken ct)
    {
        var row = await tx.Connection.QuerySingleOrDefaultAsync<ConsentRow>(new CommandDefinition("""
            SELECT notice_version AS NoticeVersion, agreed, agreed_at AS AgreedAt, ip, purpose, to_char(date_of_birth, 'YYYY-MM-DD') AS DateOfBirth
            FROM enrichment.credit_consents WHERE tenant_id = @tenant AND lead_id = @leadId
            """, new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));
        return row is null
            ? null
            : new CreditConsent(row.NoticeVersion, row.Agreed, row.AgreedAt, row.Ip, row.Purpose,
                row.DateOfBirth is { } dob ? DateOnly.ParseExact(dob, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
    }

    private sealed record ConsentRow(string NoticeVersion, bool Agreed, DateTimeOffset AgreedAt, string Ip, string Purpose,
        string? DateOfBirth);
}
