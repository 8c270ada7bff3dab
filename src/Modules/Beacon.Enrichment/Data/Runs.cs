using Beacon.Contracts.Enrichment;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Data;

/// <summary>
/// The lead × provider step rows: decided under the lead's lock, set to a state only from the version they were
/// decided from, published when final.
/// </summary>
internal static class Runs
{
    /// <summary>
    /// Serialises every decision and every write about one lead's steps (dispatches on any node, results, consents,
    /// objections) until the transaction ends. A row lock alone cannot do it: a step's first row does not exist yet
    /// when two transactions decide about it, so both would decide from "nothing" and the last to commit would win.
    /// </summary>
    public static Task LockLeadAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('enrichment.lead:' || @tenant::text || ':' || @leadId::text, 0))",
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));

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
    /// Writes the step's new state if the step is still what the writer decided from: the token it read
    /// (<paramref name="decidedFrom"/>), or no row at all when it read none (<c>null</c>). Returns false, changing
    /// nothing, when the step moved on (a newer dispatch, an objection, a withdrawn consent).
    /// </summary>
    public static async Task<bool> SaveAsync(TenantTransaction tx, RunUpdate u, Guid? decidedFrom, CancellationToken ct)
    {
        var sql = decidedFrom is null
            ? """
              INSERT INTO enrichment.runs (tenant_id, lead_id, provider, state, detail, input_key, token, in_flight, attempts,
                  lease_until, poll_location, next_at, started_at, updated_at, completed_at)
              VALUES (@tenant, @LeadId, @Provider, @State, @Detail, @InputKey, @Token, @InFlight, @Attempts,
                  @LeaseUntil, @PollLocation, @NextAt, @Now, @Now, CASE WHEN @State = 'pending' THEN NULL ELSE @Now END)
              ON CONFLICT (tenant_id, lead_id, provider) DO NOTHING
              """
            : """
              UPDATE enrichment.runs SET
                  state = @State, detail = @Detail, input_key = @InputKey, token = @Token, in_flight = @InFlight,
                  attempts = @Attempts, lease_until = @LeaseUntil, poll_location = @PollLocation, next_at = @NextAt,
                  updated_at = @Now, completed_at = CASE WHEN @State = 'pending' THEN NULL ELSE @Now END,
                  started_at = CASE WHEN state = 'pending' THEN started_at ELSE @Now END
              WHERE tenant_id = @tenant AND lead_id = @LeadId AND provider = @Provider AND token = @decidedFrom
              """;
        var rows = await tx.Connection.ExecuteAsync(new CommandDefinition(sql,
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
                decidedFrom,
            }, tx.Transaction, cancellationToken: ct));
        if (rows == 1 && u.State != RunStates.Pending
            && (u.FieldNames is { Count: > 0 } || !await OthersPendingAsync(tx, u.LeadId, u.Provider, ct)))
        {
            tx.Publish(new LeadEnriched(Guid.CreateVersion7(), tx.TenantId, u.Now, u.LeadId, u.Provider, u.State, u.FieldNames ?? []));
        }

        return rows == 1;
    }

    /// <summary>
    /// <see cref="SaveAsync"/> for a writer holding the lead's lock: the step cannot have moved on, so a refused write
    /// is a bug (a writer that skipped the lock) and rolls the whole transaction back rather than losing the write.
    /// </summary>
    public static async Task SaveDecidedAsync(TenantTransaction tx, RunUpdate u, Guid? decidedFrom, CancellationToken ct)
    {
        if (!await SaveAsync(tx, u, decidedFrom, ct))
        {
            throw new InvalidOperationException(
                $"The {u.Provider} step of lead {u.LeadId} changed under the lead's lock; the decision is rolled back.");
        }
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
