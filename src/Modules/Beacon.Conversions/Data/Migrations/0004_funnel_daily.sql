-- The daily rollup of the hourly funnel cells (ADR 0031): leads created in a UTC day by source, agent (the nil uuid for
-- unassigned) and furthest stage, moved by the same handlers in the same transaction as the hourly cells. A report
-- reads whole UTC days from here and only the hours its range edges and local week starts cut through from the hourly
-- cells. `leads` rides in the key's index so the read is an index-only scan.
CREATE TABLE conversions.funnel_daily (
    tenant_id uuid        NOT NULL,
    day       timestamptz NOT NULL CHECK (day = date_trunc('day', day, 'UTC')),
    source    text        NOT NULL,
    agent_id  uuid        NOT NULL,
    furthest  smallint    NOT NULL,
    leads     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, day, source, agent_id, furthest) INCLUDE (leads)
);

ALTER TABLE conversions.funnel_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversions.funnel_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversions.funnel_daily USING (tenant_id = platform.current_tenant())
    WITH CHECK (tenant_id = platform.current_tenant());

-- The hourly cells already hold every lead: their sums are the rollup (`beacon conversions rebuild` recomputes both).
INSERT INTO conversions.funnel_daily (tenant_id, day, source, agent_id, furthest, leads)
SELECT tenant_id, date_trunc('day', hour, 'UTC'), source, agent_id, furthest, sum(leads)
  FROM conversions.funnel_hourly GROUP BY 1, 2, 3, 4, 5;
