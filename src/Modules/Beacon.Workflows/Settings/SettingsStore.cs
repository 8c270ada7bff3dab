using System.ComponentModel.DataAnnotations;
using Dapper;
using Npgsql;

namespace Beacon.Workflows.Settings;

/// <summary>
/// The brokerage's sending settings: the postal address every workflow e-mail carries (CAN-SPAM) and the time zone
/// quiet hours fall back to when a lead's own zone is unknown, and the frequency cap: at most
/// <see cref="MaxMessagesPerDay"/> workflow messages (e-mail and SMS together) per lead in any 24 hours (default 3;
/// omitted on save, the current cap stays).
/// </summary>
internal sealed record WorkflowSettings(
    [property: Required, StringLength(300, MinimumLength = 5)] string PostalAddress,
    [property: Required, StringLength(64)] string TimeZone,
    [property: Range(1, 50)] int? MaxMessagesPerDay = null);

internal static class SettingsStore
{
    public static Task<WorkflowSettings?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<WorkflowSettings>(new CommandDefinition(
            "SELECT postal_address AS PostalAddress, time_zone AS TimeZone, max_messages_per_day AS MaxMessagesPerDay FROM workflows.settings WHERE tenant_id = @tenant",
            new { tenant }, tx, cancellationToken: ct));

    public static Task SaveAsync(NpgsqlConnection conn, Guid tenant, WorkflowSettings settings, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.settings (tenant_id, postal_address, time_zone, max_messages_per_day, updated_at)
            VALUES (@tenant, @address, @zone, coalesce(@cap, 3), @now)
            ON CONFLICT (tenant_id) DO UPDATE SET postal_address = excluded.postal_address, time_zone = excluded.time_zone,
                max_messages_per_day = coalesce(@cap, workflows.settings.max_messages_per_day), updated_at = excluded.updated_at
            """, new { tenant, address = settings.PostalAddress.Trim(), zone = settings.TimeZone, cap = settings.MaxMessagesPerDay, now },
            cancellationToken: ct));
}
