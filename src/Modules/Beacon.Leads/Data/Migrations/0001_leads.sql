-- Leads: the lead, its identities (the dedupe keys), its timeline, assignment settings, idempotency records,
-- imports, the demo generator's ground truth, and a projection of the tenant's users (fed by Identity's events).

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE leads.leads (
    tenant_id        uuid        NOT NULL,
    id               uuid        NOT NULL,
    first_name       text,
    last_name        text,
    emails           text[]      NOT NULL DEFAULT '{}',
    phones           text[]      NOT NULL DEFAULT '{}',
    source           text        NOT NULL,
    source_detail    text,
    type             text        NOT NULL,
    price_min        numeric(14, 2),
    price_max        numeric(14, 2),
    zip_codes        text[]      NOT NULL DEFAULT '{}',
    areas            text[]      NOT NULL DEFAULT '{}',
    timeline         text,
    financing        text,
    property_street  text,
    property_city    text,
    property_state   text,
    property_zip     text,
    assigned_to      uuid,
    stage            text        NOT NULL DEFAULT 'new',
    tags             text[]      NOT NULL DEFAULT '{}',
    custom_fields    jsonb       NOT NULL DEFAULT '{}',
    consents         jsonb       NOT NULL DEFAULT '{}',
    time_zone        text,
    time_zone_source text,
    external_id      text,
    search           text        NOT NULL DEFAULT '',
    import_id        uuid,
    import_row       bigint,
    version          int         NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    last_activity_at timestamptz NOT NULL,
    deleted_at       timestamptz,
    PRIMARY KEY (tenant_id, id)
);
-- The list's default order and the filters agents and team leads use most, all keyset-friendly.
CREATE INDEX leads_created ON leads.leads (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX leads_assigned ON leads.leads (tenant_id, assigned_to, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX leads_stage ON leads.leads (tenant_id, stage, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX leads_source ON leads.leads (tenant_id, source, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX leads_activity ON leads.leads (tenant_id, last_activity_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX leads_tags ON leads.leads USING gin (tags) WHERE deleted_at IS NULL;
CREATE INDEX leads_search ON leads.leads USING gin (search public.gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX leads_import_row ON leads.leads (tenant_id, import_id, import_row) WHERE import_id IS NOT NULL;

-- One row per dedupe key: kind e (e-mail, lower-cased), p (phone, E.164), x (the caller's external id).
CREATE TABLE leads.identities (
    tenant_id uuid NOT NULL,
    kind      char(1) NOT NULL CHECK (kind IN ('e', 'p', 'x')),
    value     text NOT NULL,
    lead_id   uuid NOT NULL,
    PRIMARY KEY (tenant_id, kind, value)
);
CREATE INDEX identities_lead ON leads.identities (tenant_id, lead_id);

CREATE TABLE leads.activities (
    tenant_id   uuid        NOT NULL,
    lead_id     uuid        NOT NULL,
    id          uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_id    uuid,
    body        text,
    data        jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, lead_id, id)
);

CREATE TABLE leads.agents (
    tenant_id    uuid    NOT NULL,
    user_id      uuid    NOT NULL,
    display_name text    NOT NULL,
    role         text    NOT NULL,
    team_id      uuid,
    active       boolean NOT NULL DEFAULT true,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE leads.assignment (
    tenant_id  uuid   NOT NULL PRIMARY KEY,
    mode       text   NOT NULL DEFAULT 'round_robin' CHECK (mode IN ('round_robin', 'manual')),
    rules      jsonb  NOT NULL DEFAULT '[]',
    rr_counter bigint NOT NULL DEFAULT 0
);

CREATE TABLE leads.sources (
    tenant_id uuid    NOT NULL,
    name      text    NOT NULL,
    archived  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE leads.idempotency_keys (
    tenant_id    uuid        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    status_code  int,
    response     text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, key)
);

CREATE TABLE leads.imports (
    tenant_id      uuid        NOT NULL,
    id             uuid        NOT NULL,
    key            text        NOT NULL,
    file_hash      bytea,
    status         text        NOT NULL,
    dry_run        boolean     NOT NULL,
    mapping        jsonb       NOT NULL DEFAULT '{}',
    total_bytes    bigint,
    rows_committed bigint      NOT NULL DEFAULT 0,
    created        bigint      NOT NULL DEFAULT 0,
    merged         bigint      NOT NULL DEFAULT 0,
    rejected       bigint      NOT NULL DEFAULT 0,
    percent        int         NOT NULL DEFAULT 0,
    error          text,
    created_by     uuid        NOT NULL,
    created_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    undone_at      timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key)
);

CREATE TABLE leads.import_errors (
    tenant_id uuid   NOT NULL,
    import_id uuid   NOT NULL,
    row_no    bigint NOT NULL,
    field     text   NOT NULL,
    reason    text   NOT NULL,
    raw       text,
    PRIMARY KEY (tenant_id, import_id, row_no, field)
);

-- The demo generator's known conversion probability of each lead it made (to judge the scoring engine later).
CREATE TABLE leads.demo_truth (
    tenant_id   uuid             NOT NULL,
    lead_id     uuid             NOT NULL,
    probability double precision NOT NULL,
    converted   boolean          NOT NULL,
    seed        int              NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['leads', 'identities', 'activities', 'agents', 'assignment', 'sources', 'idempotency_keys',
                           'imports', 'import_errors', 'demo_truth'] LOOP
    EXECUTE format('ALTER TABLE leads.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE leads.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON leads.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
