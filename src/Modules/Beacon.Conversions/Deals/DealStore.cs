using Beacon.Contracts.Conversions;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Deals;

/// <summary>
/// Reads and writes <c>conversions.deals</c>; every write publishes <see cref="LeadDealRecorded"/> in its transaction.
/// A deal row is locked or written only under its lead's lock (<see cref="Projection.LeadFacts.LockAsync"/>), the
/// order the lead projection takes them in (it updates the lead's deals' source and agent): the other order deadlocked.
/// </summary>
internal static class DealStore
{
    private const string Columns = """
        id AS Id, lead_id AS LeadId, agent_id AS AgentId, stage AS Stage, close_date AS CloseDate, price_cents AS PriceCents,
        commission_cents AS CommissionCents, currency AS Currency, origin AS Origin, created_at AS CreatedAt,
        updated_at AS UpdatedAt, version AS Version
        """;

    public static async Task<DealResponse> InsertAsync(TenantTransaction tx, DealResponse deal, Guid? createdBy, Guid? sourceEvent,
        CancellationToken ct)
    {
        await Projection.LeadFacts.LockAsync(tx, deal.LeadId, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO conversions.deals (tenant_id, id, lead_id, agent_id, stage, close_date, price_cents, commission_cents,
                                           currency, origin, source_event_id, created_by, created_at, updated_at, lead_source, lead_agent_id)
            SELECT @tenant, @Id, @LeadId, @AgentId, @Stage, @CloseDate, @PriceCents, @CommissionCents, @Currency, @Origin,
                   @sourceEvent, @createdBy, @CreatedAt, @UpdatedAt, f.source, f.agent_id
              FROM (SELECT 1) one
              LEFT JOIN conversions.lead_facts f ON f.tenant_id = @tenant AND f.lead_id = @LeadId
            """, Args(tx, deal, new { createdBy, sourceEvent }), tx.Transaction, cancellationToken: ct));
        await Projection.LeadFacts.ReachAsync(tx, deal.LeadId, deal.Stage, deal.UpdatedAt, ct);
        Publish(tx, deal, createdBy);
        return deal;
    }

    public static async Task<DealResponse> UpdateAsync(TenantTransaction tx, DealResponse deal, Guid? actor, CancellationToken ct)
    {
        var saved = deal with { Version = deal.Version + 1 };
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE conversions.deals SET agent_id = @AgentId, stage = @Stage, close_date = @CloseDate, price_cents = @PriceCents,
                   commission_cents = @CommissionCents, currency = @Currency, updated_at = @UpdatedAt, version = @Version
             WHERE tenant_id = @tenant AND id = @Id
            """, Args(tx, saved, new { }), tx.Transaction, cancellationToken: ct));
        await Projection.LeadFacts.ReachAsync(tx, saved.LeadId, saved.Stage, saved.UpdatedAt, ct);
        Publish(tx, saved, actor);
        return saved;
    }

    /// <summary>The deal, locked under its lead's lock; <paramref name="leadId"/> is its lead as read before (a deal never changes lead).</summary>
    public static async Task<DealResponse?> GetForUpdateAsync(TenantTransaction tx, Guid id, Guid leadId, CancellationToken ct)
    {
        await Projection.LeadFacts.LockAsync(tx, leadId, ct);
        return (await tx.Connection.QuerySingleOrDefaultAsync<DealRow>(new CommandDefinition($"""
            SELECT {Columns} FROM conversions.deals WHERE tenant_id = @tenant AND id = @id AND lead_id = @leadId FOR UPDATE
            """, new { tenant = tx.TenantId, id, leadId }, tx.Transaction, cancellationToken: ct)))?.ToResponse();
    }

    /// <summary>The lead's latest deal, locked (a stage change to closed completes it rather than adding another).</summary>
    public static async Task<DealResponse?> LatestOfLeadAsync(TenantTransaction tx, Guid leadId, CancellationToken ct)
    {
        await Projection.LeadFacts.LockAsync(tx, leadId, ct);
        return (await tx.Connection.QueryFirstOrDefaultAsync<DealRow>(new CommandDefinition($"""
            SELECT {Columns} FROM conversions.deals WHERE tenant_id = @tenant AND lead_id = @leadId
             ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE
            """, new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct)))?.ToResponse();
    }

    public static string Select(string where) => $"SELECT {Columns} FROM conversions.deals d WHERE d.tenant_id = @tenant AND {where}";

    public static async Task<List<DealResponse>> QueryAsync(System.Data.Common.DbConnection conn, string sql, object args,
        CancellationToken ct) =>
        [.. (await conn.QueryAsync<DealRow>(new CommandDefinition(sql, args, cancellationToken: ct))).Select(r => r.ToResponse())];

    private static DynamicParameters Args(TenantTransaction tx, DealResponse d, object extra)
    {
        var p = new DynamicParameters(new
        {
            d.Id,
            d.LeadId,
            d.AgentId,
            d.Stage,
            d.PriceCents,
            d.CommissionCents,
            d.Currency,
            d.Origin,
            d.CreatedAt,
            d.UpdatedAt,
            d.Version,
        });
        p.Add("CloseDate", d.CloseDate?.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        p.AddDynamicParams(extra);
        p.Add("tenant", tx.TenantId);
        return p;
    }

    private static void Publish(TenantTransaction tx, DealResponse d, Guid? actor) =>
        tx.Publish(new LeadDealRecorded(Guid.CreateVersion7(), tx.TenantId, d.UpdatedAt, d.LeadId, d.Id, d.Stage, d.AgentId, actor,
            d.Origin, d.PriceCents, d.CommissionCents, d.Currency));

    /// <summary>Dapper reads <c>date</c> as <see cref="DateTime"/> and fills classes, not positional records.</summary>
    private sealed class DealRow
    {
        public Guid Id { get; set; }

        public Guid LeadId { get; set; }

        public Guid? AgentId { get; set; }

        public string Stage { get; set; } = "";

        public DateTime? CloseDate { get; set; }

        public long? PriceCents { get; set; }

        public long? CommissionCents { get; set; }

        public string Currency { get; set; } = "";

        public string Origin { get; set; } = "";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public int Version { get; set; }

        public DealResponse ToResponse() => new(Id, LeadId, AgentId, Stage, CloseDate is { } d ? DateOnly.FromDateTime(d) : null,
            PriceCents, CommissionCents, Currency.Trim(), Origin, CreatedAt, UpdatedAt, Version);
    }
}
