using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Secrets;
using Dapper;
using Npgsql;

namespace Beacon.Webhooks.Subscriptions;

/// <summary>The SQL of subscriptions (tenant-bound connections; every statement filters by tenant as well).</summary>
internal static class SubscriptionStore
{
    // The hint is the secret's first 10 characters: enough to match it to what the integrator stored, useless to sign.
    // The secret itself is sealed at rest (SecretSeal), bound to its subscription.
    public const string Columns = """
        id, url, description, event_types AS EventTypes, active, secret_hint AS SecretHint,
        CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS PreviousSecretExpiresAt,
        consecutive_failures AS ConsecutiveFailures, disabled_at AS DisabledAt, disabled_reason AS DisabledReason,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    // Dapper's record constructors need exact column types (text[] arrives as Array): read rows, then answer records.
    private static async Task<IEnumerable<SubscriptionResponse>> QueryAsync(NpgsqlConnection conn, CommandDefinition command) =>
        (await conn.QueryAsync<SubscriptionRow>(command)).Select(r => r.ToResponse()).ToList();

    private static async Task<SubscriptionResponse?> SingleOrDefaultAsync(NpgsqlConnection conn, CommandDefinition command) =>
        (await conn.QuerySingleOrDefaultAsync<SubscriptionRow>(command))?.ToResponse();

    private static async Task<SubscriptionResponse> SingleAsync(NpgsqlConnection conn, CommandDefinition command) =>
        (await conn.QuerySingleAsync<SubscriptionRow>(command)).ToResponse();

    public static Task<IEnumerable<SubscriptionResponse>> ListAsync(NpgsqlConnection conn, Guid tenant, CancellationToken ct) =>
        QueryAsync(conn, new CommandDefinition(
            $"SELECT {Columns} FROM webhooks.subscriptions WHERE tenant_id = @tenant ORDER BY created_at DESC",
            new { tenant }, cancellationToken: ct));

    public static Task<SubscriptionResponse?> GetAsync(NpgsqlConnection conn, Guid tenant, Guid id, CancellationToken ct) =>
        SingleOrDefaultAsync(conn, new CommandDefinition(
            $"SELECT {Columns} FROM webhooks.subscriptions WHERE tenant_id = @tenant AND id = @id",
            new { tenant, id }, cancellationToken: ct));

    public static string SealOwner(Guid tenant, Guid id) => $"webhooks.subscription:{tenant}:{id}";

    public static string Hint(string secret) => secret[..10] + "…";

    public static Task<SubscriptionResponse> InsertAsync(NpgsqlConnection conn, Guid tenant, CreateSubscriptionRequest request,
        string secret, SecretSeal seal, Guid createdBy, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        return SingleAsync(conn, new CommandDefinition($"""
            INSERT INTO webhooks.subscriptions (tenant_id, id, url, description, event_types, secret, secret_hint, created_by, created_at, updated_at)
            VALUES (@tenant, @id, @url, @description, @types, @secret, @hint, @createdBy, @now, @now) RETURNING {Columns}
            """, new
        {
            tenant,
            id,
            url = request.Url.Trim(),
            description = request.Description?.Trim() ?? "",
            types = request.EventTypes.Distinct(StringComparer.Ordinal).ToArray(),
            secret = seal.Seal(secret, SealOwner(tenant, id)),
            hint = Hint(secret),
            createdBy,
            now,
        }, cancellationToken: ct));
    }

    /// <summary>Re-enabling clears the failure streak and the notice; disabling by hand leaves no automatic reason.</summary>
    public static Task<SubscriptionResponse?> UpdateAsync(NpgsqlConnection conn, Guid tenant, Guid id, UpdateSubscriptionRequest request,
        DateTimeOffset now, CancellationToken ct) =>
        SingleOrDefaultAsync(conn, new CommandDefinition($"""
            UPDATE webhooks.subscriptions
               SET url = coalesce(@url::text, url), description = coalesce(@description::text, description),
                   event_types = coalesce(@types::text[], event_types), active = coalesce(@active::boolean, active),
                   consecutive_failures = CASE WHEN @active::boolean THEN 0 ELSE consecutive_failures END,
                   disabled_at = CASE WHEN @active::boolean IS NOT NULL THEN NULL ELSE disabled_at END,
                   disabled_reason = CASE WHEN @active::boolean IS NOT NULL THEN NULL ELSE disabled_reason END,
                   updated_at = @now
             WHERE tenant_id = @tenant AND id = @id RETURNING {Columns}
            """, new
        {
            tenant,
            id,
            url = request.Url?.Trim(),
            description = request.Description?.Trim(),
            types = request.EventTypes?.Distinct(StringComparer.Ordinal).ToArray(),
            active = request.Active,
            now,
        }, cancellationToken: ct));

    /// <summary>The current secret keeps signing until <paramref name="graceEnds"/>, beside the new one.</summary>
    public static Task<SubscriptionResponse?> RotateAsync(NpgsqlConnection conn, Guid tenant, Guid id, string secret, SecretSeal seal,
        DateTimeOffset now, DateTimeOffset graceEnds, CancellationToken ct) =>
        SingleOrDefaultAsync(conn, new CommandDefinition($"""
            UPDATE webhooks.subscriptions
               SET previous_secret = secret, previous_secret_expires_at = @graceEnds, secret = @secret, secret_hint = @hint,
                   updated_at = @now
             WHERE tenant_id = @tenant AND id = @id RETURNING {Columns}
            """, new { tenant, id, secret = seal.Seal(secret, SealOwner(tenant, id)), hint = Hint(secret), now, graceEnds },
            cancellationToken: ct));

    public static async Task<bool> DeleteAsync(NpgsqlConnection conn, Guid tenant, Guid id, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM webhooks.subscriptions WHERE tenant_id = @tenant AND id = @id",
            new { tenant, id }, cancellationToken: ct)) == 1;

    /// <summary>The active subscriptions of the transaction's tenant that want <paramref name="type"/>.</summary>
    public static Task<IEnumerable<Guid>> SubscribersAsync(TenantTransaction tx, string type, CancellationToken ct) =>
        tx.Connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT id FROM webhooks.subscriptions WHERE tenant_id = @tenant AND active AND @type = ANY (event_types)
            """, new { tenant = tx.TenantId, type }, tx.Transaction, cancellationToken: ct));
}
