-- Conversions: deals (a lead's conversion, recorded by hand or from a stage change to closed), this module's own
-- projection of each lead's reporting facts (fed by Leads' events, never read from Leads' tables), and the hourly
-- funnel counts the dashboard sums instead of scanning leads (ADR 0018). Deals and facts hold no names: only ids.

CREATE TABLE conversions.deals (
    tenant_id        uuid        NOT NULL,
    id               uuid        NOT NULL,
    lead_id          uuid        NOT NULL,
    agent_id         uuid,
    stage            text        NOT NULL CHECK (stage IN ('offer', 'under_contract', 'closed')),
    close_date       date,
    price_cents      bigint      CHECK (price_cents >= 0),
    commission_cents bigint      CHECK (commission_cents >= 0),
    currency         char(3)     NOT NULL,
    origin           text        NOT NULL CHECK (origin IN ('manual', 'stage_change')),
    source_event_id  uuid,
    created_by       uuid,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          int         NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX deals_lead ON conversions.deals (tenant_id, lead_id);
CREATE INDEX deals_closed ON conversions.deals (tenant_id, close_date) WHERE stage = 'closed';
-- A stage change makes at most one deal, however often its event is delivered.
CREATE UNIQUE INDEX deals_source_event ON conversions.deals (tenant_id, source_event_id) WHERE source_event_id IS NOT NULL;

-- One row per lead: what the reports group by. furthest = rank of the furthest pipeline stage ever reached;
-- touch_sources = the sources that brought the lead in, in order (its capture, then each capture merged into it).
CREATE TABLE conversions.lead_facts (
    tenant_id      uuid        NOT NULL,
    lead_id        uuid        NOT NULL,
    created_at     timestamptz NOT NULL,
    source         text        NOT NULL,
    agent_id       uuid,
    stage          text        NOT NULL,
    furthest       smallint    NOT NULL,
    touch_sources  text[]      NOT NULL,
    first_touch_at timestamptz,
    converted_at   timestamptz,
    PRIMARY KEY (tenant_id, lead_id)
);
CREATE INDEX lead_facts_created ON conversions.lead_facts (tenant_id, created_at);
CREATE INDEX lead_facts_source ON conversions.lead_facts (tenant_id, source);
CREATE INDEX lead_facts_converted ON conversions.lead_facts (tenant_id, converted_at) WHERE converted_at IS NOT NULL;

-- Leads created in an hour (UTC), by source, agent (the nil uuid for unassigned) and furthest stage reached.
-- Hours, not days, so that any whole-hour time zone's days are exact unions of rows.
CREATE TABLE conversions.funnel_hourly (
    tenant_id uuid        NOT NULL,
    hour      timestamptz NOT NULL,
    source    text        NOT NULL,
    agent_id  uuid        NOT NULL,
    furthest  smallint    NOT NULL,
    leads     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, hour, source, agent_id, furthest)
);

-- Marketing spend per source and month (for cost per lead and ROI).
CREATE TABLE conversions.spend (
    tenant_id    uuid        NOT NULL,
    source       text        NOT NULL,
    month        date        NOT NULL CHECK (extract(day FROM month) = 1),
    amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
    currency     char(3)     NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, source, month)
);

-- Conversions' copy of the tenant's users (names for the leaderboard, teams for filters and scoping).
CREATE TABLE conversions.agents (
    tenant_id    uuid NOT NULL,
    user_id      uuid NOT NULL,
    display_name text NOT NULL,
    team_id      uuid,
    PRIMARY KEY (tenant_id, user_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['deals', 'lead_facts', 'funnel_hourly', 'spend', 'agents'] LOOP
    EXECUTE format('ALTER TABLE conversions.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE conversions.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON conversions.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
