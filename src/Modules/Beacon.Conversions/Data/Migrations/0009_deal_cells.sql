-- The leaderboard and source ROI from kept sums of the closed deals (ADR 0035, "Deal cells"): a year's report summed
-- every closed deal of the range (42,000 at 1,000,000 leads, 28–45 ms each) where a few thousand rows now answer.
--
-- deal_cells: closed deals by close date (span 'd') and its month (span 'm', the first of the month), the deal's agent,
-- its lead's source and agent (as the deal row carries them, ADR 0032 addendum) and currency: how many, their price and
-- commission. A missing agent is the nil uuid, a missing lead source ''.
CREATE TABLE conversions.deal_cells (
    tenant_id     uuid    NOT NULL,
    span          "char"  NOT NULL CHECK (span IN ('d', 'm')),
    period        date    NOT NULL,
    agent_id      uuid    NOT NULL,
    lead_source   text    NOT NULL,
    lead_agent_id uuid    NOT NULL,
    currency      char(3) NOT NULL,
    deals         bigint  NOT NULL,
    volume        bigint  NOT NULL,
    commission    bigint  NOT NULL,
    PRIMARY KEY (tenant_id, span, period, agent_id, lead_source, lead_agent_id, currency) INCLUDE (deals, volume, commission)
);

ALTER TABLE conversions.deal_cells ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversions.deal_cells FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversions.deal_cells USING (tenant_id = platform.current_tenant())
    WITH CHECK (tenant_id = platform.current_tenant());

-- What the cells need of a closed deal.
CREATE TYPE conversions.deal_money AS (tenant_id uuid, close_date date, agent_id uuid, lead_source text, lead_agent_id uuid,
                                       currency char(3), price_cents bigint, commission_cents bigint);

-- Takes the deals in `gone` out and puts those in `came` in: one upsert summed by key, in key order.
CREATE FUNCTION conversions.move_deal_cells(gone conversions.deal_money[], came conversions.deal_money[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO conversions.deal_cells AS c (tenant_id, span, period, agent_id, lead_source, lead_agent_id, currency, deals, volume,
                                             commission)
    SELECT x.tenant_id, k.span, k.period, coalesce(x.agent_id, '00000000-0000-0000-0000-000000000000'::uuid),
           coalesce(x.lead_source, ''), coalesce(x.lead_agent_id, '00000000-0000-0000-0000-000000000000'::uuid), x.currency,
           sum(x.delta), sum(x.delta * coalesce(x.price_cents, 0)), sum(x.delta * coalesce(x.commission_cents, 0))
      FROM (SELECT g.*, -1 AS delta FROM unnest(gone) g UNION ALL SELECT n.*, 1 FROM unnest(came) n) x
     CROSS JOIN LATERAL (VALUES ('d'::"char", x.close_date),
                                ('m'::"char", x.close_date - (extract(day FROM x.close_date)::int - 1))) k(span, period)
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(x.delta) <> 0 OR sum(x.delta * coalesce(x.price_cents, 0)) <> 0 OR sum(x.delta * coalesce(x.commission_cents, 0)) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (tenant_id, span, period, agent_id, lead_source, lead_agent_id, currency)
    DO UPDATE SET deals = c.deals + excluded.deals, volume = c.volume + excluded.volume, commission = c.commission + excluded.commission;
$$;

-- Kept in the writing statement's transaction, as the timing cells are (0007): every deal write — recorded, edited,
-- a stage change, its lead's source or agent synced, erased — moves the sums. Only closed deals with a close date count.
CREATE FUNCTION conversions.deal_cells_follow_deals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone conversions.deal_money[] := '{}';
    came conversions.deal_money[] := '{}';
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT coalesce(array_agg(ROW(o.tenant_id, o.close_date, o.agent_id, o.lead_source, o.lead_agent_id, o.currency, o.price_cents,
                                      o.commission_cents)::conversions.deal_money), '{}')
          INTO gone FROM old_rows o WHERE o.stage = 'closed' AND o.close_date IS NOT NULL;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT coalesce(array_agg(ROW(n.tenant_id, n.close_date, n.agent_id, n.lead_source, n.lead_agent_id, n.currency, n.price_cents,
                                      n.commission_cents)::conversions.deal_money), '{}')
          INTO came FROM new_rows n WHERE n.stage = 'closed' AND n.close_date IS NOT NULL;
    END IF;
    IF cardinality(gone) + cardinality(came) > 0 THEN
        PERFORM conversions.move_deal_cells(gone, came);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER deal_cells_on_insert AFTER INSERT ON conversions.deals REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION conversions.deal_cells_follow_deals();
CREATE TRIGGER deal_cells_on_update AFTER UPDATE ON conversions.deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION conversions.deal_cells_follow_deals();
CREATE TRIGGER deal_cells_on_delete AFTER DELETE ON conversions.deals REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION conversions.deal_cells_follow_deals();

-- Existing closed deals, counted once.
SELECT conversions.move_deal_cells('{}',
       coalesce((SELECT array_agg(ROW(d.tenant_id, d.close_date, d.agent_id, d.lead_source, d.lead_agent_id, d.currency, d.price_cents,
                                      d.commission_cents)::conversions.deal_money)
                   FROM conversions.deals d WHERE d.stage = 'closed' AND d.close_date IS NOT NULL), '{}'));
