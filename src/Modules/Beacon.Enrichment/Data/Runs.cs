using Beacon.Contracts.Enrichment;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Data;

/// <summary>The lead × provider step rows: read under lock, set to a state, published when final.</summary>
internal static class Runs
{
    private const string Columns = """
        lead_id AS LeadId, provider, state, detail, input_key AS InputKey, token, in_flight AS InFlight, attempts,
        lease_until AS LeaseUntil, poll_location AS PollLocation, next_at AS NextAt, started_at AS StartedAt,
        updated_at AS UpdatedAt, completed_at AS CompletedAt
        """;

    public static Task<RunRow?> LockAsync(TenantTransaction tx, Guid leadId, string provider, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition($"""
            SELECT {Columns} FROM enrichment.runs
            WHERE tenant_id = @tenant AND lead_id = @leadId AND provider = @provider FOR UPDATE
            """, new { tenant = tx.TenantId, leadId, provider }, tx.Transaction, cancellationToken: ct));

    /// <summary>
    /// A final state without new fields is news only when it ends the lead's enrichment (nothing else pending):
    /// that is when a score's "may change" flag goes away. Otherwise scoring would re-score for nothing.
    /// </summary>
    private static Task<bool> OthersPendingAsync(TenantTransaction tx, Guid leadId, string provider, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM enrichment.runs
                           WHERE tenant_id = @tenant AND lead_id = @leadId AND provider <> @provider AND state = 'pending')
            """, new { tenant = tx.TenantId, leadId, provider }, tx.Transaction, cancellationToken: ct));

    /// <summary>
    /// Writes the step's new state. <paramref name="expectedToken"/> guards a result against a newer dispatch: the
    /// upsert waits for a dispatching transaction still in flight, and changes nothing when the token moved on.
    /// </summary>
    public static async Task<bool> SaveAsync(TenantTransaction tx, RunUpdate u, Guid? expectedToken, CancellationToken ct)
    {
        var rows = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO enrichment.runs (tenant_id, lead_id, provider, state, detail, input_key, token, in_flight, attempts,
                lease_until, poll_location, next_at, started_at, updated_at, completed_at)
            VALUES (@tenant, @LeadId, @Provider, @State, @Detail, @InputKey, @Token, @InFlight, @Attempts,
                @LeaseUntil, @PollLocation, @NextAt, @Now, @Now, CASE WHEN @State = 'pending' THEN NULL ELSE @Now END)
            ON CONFLICT (tenant_id, lead_id, provider) DO UPDATE SET
                state = excluded.state, detail = excluded.detail, input_key = excluded.input_key, token = excluded.token,
                in_flight = excluded.in_flight, attempts = excluded.attempts, lease_until = excluded.lease_until,
                poll_location = excluded.poll_location, next_at = excluded.next_at, updated_at = excluded.updated_at,
                completed_at = excluded.completed_at,
                started_at = CASE WHEN runs.state = 'pending' THEN runs.started_at ELSE excluded.started_at END
            WHERE runs.tenant_id = @tenant AND (@expectedToken::uuid IS NULL OR runs.token = @expectedToken)
            """,
            new
            {
                tenant = tx.TenantId,
                u.LeadId,
                u.Provider,
                u.State,
                u.Detail,
                u.InputKey,
                u.Token,
                u.InFlight,
                u.Attempts,
                u.LeaseUntil,
                u.PollLocation,
                u.NextAt,
                u.Now,
                expectedToken,
            }, tx.Transaction, cancellationToken: ct));
        if (rows == 1 && u.State != RunStates.Pending
            && (u.FieldNames is { Count: > 0 } || !await OthersPendingAsync(tx, u.LeadId, u.Provider, ct)))
        {
            tx.Publish(new LeadEnriched(Guid.CreateVersion7(), tx.TenantId, u.Now, u.LeadId, u.Provider, u.State, u.FieldNames ?? []));
        }

        return rows == 1;
    }
}

internal sealed record RunUpdate(Guid LeadId, string Provider, string State, DateTimeOffset Now, Guid Token)
{
    public string? Detail { get; init; }

    public string? InputKey { get; init; }

    public bool InFlight { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public string? PollLocation { get; init; }

    public DateTimeOffset? NextAt { get; init; }

    public IReadOnlyList<string>? FieldNames { get; init; }
}
