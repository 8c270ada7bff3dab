using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Projection;

/// <summary>
/// One lead's reporting facts and, kept in step in the same transaction, its one count in
/// <c>conversions.funnel_hourly</c> and its daily rollup: every change moves the lead from its old (hour, source, agent, furthest) cell
/// to its new one, so the dashboards sum small cells and never count leads (ADR 0018). Each change answers whether
/// the lead's cell moved, so the caller can tell open dashboards.
/// </summary>
internal static class LeadFacts
{
    internal sealed record Facts(DateTimeOffset CreatedAt, string Source, Guid? AgentId, string Stage, short Furthest);

    /// <summary>Serialises the lead's handlers (its events may be handled at once on several workers).</summary>
    public static Task LockAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('conversions:' || @tenant::text || @leadId::text, 0))",
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));

    /// <summary>Sets the lead's current state (from a fresh snapshot); its furthest stage only ever grows.</summary>
    public static async Task<bool> UpsertAsync(TenantTransaction tx, Guid leadId, Facts now, DateTimeOffset at, CancellationToken ct)
    {
        var before = await ReadAsync(tx, leadId, ct);
        // Deals recorded before this lead's first event was handled count too.
        var dealStages = await tx.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT stage FROM conversions.deals WHERE tenant_id = @tenant AND lead_id = @leadId",
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));
        var furthest = dealStages.Select(Pipeline.Rank).Append(now.Furthest).Append(before?.Furthest ?? 0).Max();
        var after = now with { Furthest = (short)furthest };
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO conversions.lead_facts (tenant_id, lead_id, created_at, source, agent_id, stage, furthest, touch_sources,
                                                converted_at)
            VALUES (@tenant, @leadId, @CreatedAt, @Source, @AgentId, @Stage, @Furthest, ARRAY[@Source],
                    CASE WHEN @Furthest >= @closed THEN @at END)
            ON CONFLICT (tenant_id, lead_id) DO UPDATE SET source = @Source, agent_id = @AgentId, stage = @Stage,
                furthest = @Furthest,
                converted_at = COALESCE(lead_facts.converted_at, CASE WHEN @Furthest >= @closed THEN @at END);
            UPDATE conversions.deals SET lead_source = @Source, lead_agent_id = @AgentId
             WHERE tenant_id = @tenant AND lead_id = @leadId
               AND (lead_source IS DISTINCT FROM @Source OR lead_agent_id IS DISTINCT FROM @AgentId);
            """, new
        {
            tenant = tx.TenantId,
            leadId,
            after.CreatedAt,
            after.Source,
            after.AgentId,
            after.Stage,
            after.Furthest,
            closed = Pipeline.Closed,
            at,
        }, tx.Transaction, cancellationToken: ct));
        return await MoveAsync(tx, before, after, ct);
    }

    /// <summary>A deal reached <paramref name="stage"/>: the lead counts as having reached it (converted when closed).</summary>
    public static async Task<bool> ReachAsync(TenantTransaction tx, Guid leadId, string stage, DateTimeOffset at, CancellationToken ct)
    {
        await LockAsync(tx, leadId, ct);
        var before = await ReadAsync(tx, leadId, ct);
        var rank = Pipeline.Rank(stage);
        if (before is null || before.Furthest >= rank && rank < Pipeline.Closed)
        {
            return false; // unknown yet, its lead.created handler reads the deals; or no further than before
        }

        var after = before with { Furthest = Math.Max(before.Furthest, rank) };
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE conversions.lead_facts SET furthest = @furthest,
                   converted_at = COALESCE(converted_at, CASE WHEN @furthest >= @closed THEN @at END)
             WHERE tenant_id = @tenant AND lead_id = @leadId
            """, new { tenant = tx.TenantId, leadId, furthest = after.Furthest, closed = Pipeline.Closed, at },
            tx.Transaction, cancellationToken: ct));
        return await MoveAsync(tx, before, after, ct);
    }

    public static async Task<bool> RemoveAsync(TenantTransaction tx, Guid leadId, CancellationToken ct)
    {
        var before = await ReadAsync(tx, leadId, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM conversions.lead_facts WHERE tenant_id = @tenant AND lead_id = @leadId;
            UPDATE conversions.deals SET lead_source = NULL, lead_agent_id = NULL
             WHERE tenant_id = @tenant AND lead_id = @leadId AND lead_source IS NOT NULL;
            """,
            new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct));
        return await MoveAsync(tx, before, null, ct);
    }

    /// <summary>
    /// The first human touch (a call, e-mail, text or meeting by a person); automated messages have no actor. Answers
    /// 0 when the lead has no facts yet.
    /// </summary>
    public static Task<int> TouchAsync(TenantTransaction tx, Guid leadId, DateTimeOffset at, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE conversions.lead_facts SET first_touch_at = LEAST(COALESCE(first_touch_at, @at), @at)
             WHERE tenant_id = @tenant AND lead_id = @leadId
            """, new { tenant = tx.TenantId, leadId, at }, tx.Transaction, cancellationToken: ct));

    /// <summary>A capture merged into the lead: its source is one more touch (repeats in a row are one touch).</summary>
    public static Task AddTouchSourceAsync(TenantTransaction tx, Guid leadId, string source, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE conversions.lead_facts SET touch_sources = touch_sources || @source
             WHERE tenant_id = @tenant AND lead_id = @leadId AND touch_sources[cardinality(touch_sources)] <> @source
            """, new { tenant = tx.TenantId, leadId, source }, tx.Transaction, cancellationToken: ct));

    private static async Task<Facts?> ReadAsync(TenantTransaction tx, Guid leadId, CancellationToken ct) =>
        (await tx.Connection.QuerySingleOrDefaultAsync<FactsRow>(new CommandDefinition("""
            SELECT created_at AS CreatedAt, source AS Source, agent_id AS AgentId, stage AS Stage, furthest AS Furthest
              FROM conversions.lead_facts WHERE tenant_id = @tenant AND lead_id = @leadId FOR UPDATE
            """, new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct)))?.ToFacts();

    /// <summary>Moves the lead's one count between cells; false when its cell stayed the same.</summary>
    private static async Task<bool> MoveAsync(TenantTransaction tx, Facts? before, Facts? after, CancellationToken ct)
    {
        if ((before is null && after is null) || (before is not null && after is not null && Cell(before) == Cell(after)))
        {
            return false;
        }

        var changes = new List<(FunnelCell, int)>(2);
        if (before is not null)
        {
            changes.Add((Cell(before), -1));
        }

        if (after is not null)
        {
            changes.Add((Cell(after), 1));
        }

        await FunnelCells.MoveAsync(tx, changes, ct);
        return true;
    }

    private static FunnelCell Cell(Facts f) => new(FunnelCells.Hour(f.CreatedAt), f.Source, f.AgentId ?? Guid.Empty, f.Furthest);

    private sealed class FactsRow
    {
        public DateTimeOffset CreatedAt { get; set; }

        public string Source { get; set; } = "";

        public Guid? AgentId { get; set; }

        public string Stage { get; set; } = "";

        public short Furthest { get; set; }

        public Facts ToFacts() => new(CreatedAt, Source, AgentId, Stage, Furthest);
    }
}
