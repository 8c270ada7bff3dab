-- The breakdowns of a report over the whole brokerage need each source's and each agent's counts, never the two
-- together (ADR 0036). Read from funnel_monthly and funnel_daily, an owner's year summed 41,600 source × agent × stage
-- rows at a million leads (20 ms of the report's 41). These three rollups keep the two sides apart: per month, by
-- source and by agent; per day, by source (the day-by-agent rows already exist). Moved by the same statement as the
-- hourly cells, so they never disagree with them; `beacon conversions rebuild` recomputes them.
CREATE TABLE conversions.funnel_month_sources (
    tenant_id uuid        NOT NULL,
    month     timestamptz NOT NULL CHECK (month = date_trunc('month', month, 'UTC')),
    source    text        NOT NULL,
    furthest  smallint    NOT NULL,
    leads     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, month, source, furthest) INCLUDE (leads)
);

CREATE TABLE conversions.funnel_month_agents (
    tenant_id uuid        NOT NULL,
    month     timestamptz NOT NULL CHECK (month = date_trunc('month', month, 'UTC')),
    agent_id  uuid        NOT NULL,
    furthest  smallint    NOT NULL,
    leads     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, month, agent_id, furthest) INCLUDE (leads)
);

CREATE TABLE conversions.funnel_day_sources (
    tenant_id uuid        NOT NULL,
    day       timestamptz NOT NULL CHECK (day = date_trunc('day', day, 'UTC')),
    source    text        NOT NULL,
    furthest  smallint    NOT NULL,
    leads     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, day, source, furthest) INCLUDE (leads)
);

-- The whole-brokerage read takes the day-by-agent rows' counts, not their hours, from the key's index. `leads` is
-- already in an index of the table (funnel_day_agents_by_agent), so no update of it was a heap-only one before.
ALTER TABLE conversions.funnel_day_agents DROP CONSTRAINT funnel_day_agents_pkey,
    ADD CONSTRAINT funnel_day_agents_pkey PRIMARY KEY (tenant_id, day, agent_id, furthest) INCLUDE (leads);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['funnel_month_sources', 'funnel_month_agents', 'funnel_day_sources'] LOOP
    EXECUTE format('ALTER TABLE conversions.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE conversions.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON conversions.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;

-- The monthly and daily rollups hold every lead: the new rows are their sums.
INSERT INTO conversions.funnel_month_sources (tenant_id, month, source, furthest, leads)
SELECT tenant_id, month, source, furthest, sum(leads) FROM conversions.funnel_monthly GROUP BY 1, 2, 3, 4;

INSERT INTO conversions.funnel_month_agents (tenant_id, month, agent_id, furthest, leads)
SELECT tenant_id, month, agent_id, furthest, sum(leads) FROM conversions.funnel_monthly GROUP BY 1, 2, 3, 4;

INSERT INTO conversions.funnel_day_sources (tenant_id, day, source, furthest, leads)
SELECT tenant_id, day, source, furthest, sum(leads) FROM conversions.funnel_daily GROUP BY 1, 2, 3, 4;
