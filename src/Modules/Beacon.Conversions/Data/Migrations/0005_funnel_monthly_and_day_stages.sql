-- Coarser and narrower rollups of the funnel cells (ADR 0032), moved by the same statement as the hourly cells and
-- their daily rollup. None holds a lead id or a name: only counts.
--
-- funnel_monthly: leads created in a UTC month by source, agent (the nil uuid for unassigned) and furthest stage. The
-- report's breakdowns (funnel, by source, agent, team) read the range's whole UTC months from here, the whole UTC days
-- around them from funnel_daily and the edge hours from funnel_hourly.
CREATE TABLE conversions.funnel_monthly (
    tenant_id uuid        NOT NULL,
    month     timestamptz NOT NULL CHECK (month = date_trunc('month', month, 'UTC')),
    source    text        NOT NULL,
    agent_id  uuid        NOT NULL,
    furthest  smallint    NOT NULL,
    leads     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, month, source, agent_id, furthest) INCLUDE (leads)
);

-- funnel_day_stages: leads created in a UTC day by furthest stage, with the day's 24 hourly counts (hours[1] is
-- 00:00–01:00 UTC). The cohorts of a report over the whole brokerage read one row per day and stage; a day that a
-- range edge or a local Monday midnight cuts is split exactly by its hours, for any whole-hour zone.
CREATE TABLE conversions.funnel_day_stages (
    tenant_id uuid        NOT NULL,
    day       timestamptz NOT NULL CHECK (day = date_trunc('day', day, 'UTC')),
    furthest  smallint    NOT NULL,
    leads     bigint      NOT NULL,
    hours     bigint[]    NOT NULL CHECK (cardinality(hours) = 24),
    PRIMARY KEY (tenant_id, day, furthest)
);

-- funnel_day_agents: the same per agent, for the cohorts of a report scoped or filtered to agents or a team.
CREATE TABLE conversions.funnel_day_agents (
    tenant_id uuid        NOT NULL,
    day       timestamptz NOT NULL CHECK (day = date_trunc('day', day, 'UTC')),
    agent_id  uuid        NOT NULL,
    furthest  smallint    NOT NULL,
    leads     bigint      NOT NULL,
    hours     bigint[]    NOT NULL CHECK (cardinality(hours) = 24),
    PRIMARY KEY (tenant_id, day, agent_id, furthest)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['funnel_monthly', 'funnel_day_stages', 'funnel_day_agents'] LOOP
    EXECUTE format('ALTER TABLE conversions.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE conversions.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON conversions.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;

-- A day's 24 hourly counts from (UTC hour of day, count) pairs; hours without a pair are 0.
CREATE FUNCTION conversions.hours_of_day(slots int[], counts bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE AS $$
    SELECT array_agg(coalesce(c.n, 0) ORDER BY s.slot)
      FROM generate_series(0, 23) s(slot)
      LEFT JOIN (SELECT u.slot, sum(u.n)::bigint AS n FROM unnest(slots, counts) u(slot, n) GROUP BY u.slot) c ON c.slot = s.slot
$$;

-- The hourly cells hold every lead: the rollups are their sums (`beacon conversions rebuild` recomputes all of them).
INSERT INTO conversions.funnel_monthly (tenant_id, month, source, agent_id, furthest, leads)
SELECT tenant_id, date_trunc('month', hour, 'UTC'), source, agent_id, furthest, sum(leads)
  FROM conversions.funnel_hourly GROUP BY 1, 2, 3, 4, 5;

INSERT INTO conversions.funnel_day_stages (tenant_id, day, furthest, leads, hours)
SELECT tenant_id, date_trunc('day', hour, 'UTC'), furthest, sum(leads),
       conversions.hours_of_day(array_agg(extract(hour FROM hour AT TIME ZONE 'UTC')::int), array_agg(leads))
  FROM (SELECT tenant_id, hour, furthest, sum(leads)::bigint AS leads FROM conversions.funnel_hourly GROUP BY 1, 2, 3) h
 GROUP BY 1, 2, 3;

INSERT INTO conversions.funnel_day_agents (tenant_id, day, agent_id, furthest, leads, hours)
SELECT tenant_id, date_trunc('day', hour, 'UTC'), agent_id, furthest, sum(leads),
       conversions.hours_of_day(array_agg(extract(hour FROM hour AT TIME ZONE 'UTC')::int), array_agg(leads))
  FROM (SELECT tenant_id, hour, agent_id, furthest, sum(leads)::bigint AS leads FROM conversions.funnel_hourly GROUP BY 1, 2, 3, 4) h
 GROUP BY 1, 2, 3, 4;
