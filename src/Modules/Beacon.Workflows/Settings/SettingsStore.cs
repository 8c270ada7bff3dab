using System.ComponentModel.DataAnnotations;
using Dapper;
using Npgsql;

namespace Beacon.Workflows.Settings;

/// <summary>
/// The brokerage's sending settings: the postal address every workflow e-mail carries (CAN-SPAM) and the time zone
/// quiet hours fall back to when a lead's own zone is unknown.
/// </summary>
internal sealed record WorkflowSettings(
    [property: Required, StringLength(300, MinimumLength = 5)] string PostalAddress,
    [property: Required, StringLength(64)] string TimeZone);

internal static class SettingsStore
{
    public static Task<WorkflowSettings?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<WorkflowSettings>(new CommandDefinition(
            "SELECT postal_address AS PostalAddress, time_zone AS TimeZone FROM workflows.settings WHERE tenant_id = @tenant",
            new { tenant }, tx, cancellationToken: ct));

    public static Task SaveAsync(NpgsqlConnection conn, Guid tenant, WorkflowSettings settings, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.settings (tenant_id, postal_address, time_zone, updated_at) VALUES (@tenant, @address, @zone, @now)
            ON CONFLICT (tenant_id) DO UPDATE SET postal_address = excluded.postal_address, time_zone = excluded.time_zone,
                                                  updated_at = excluded.updated_at
            """, new { tenant, address = settings.PostalAddress.Trim(), zone = settings.TimeZone, now }, cancellationToken: ct));
}
