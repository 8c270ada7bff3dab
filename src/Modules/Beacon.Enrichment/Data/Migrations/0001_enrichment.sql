-- Enrichment: per lead × provider state, enriched fields with provenance, conflicts with what a person typed,
-- a per-tenant cache keyed by a hash of the normalised input, budgets and spend, provider counters, FCRA-style
-- credit consents, GDPR objections and Art. 14 notices. Everything a lead's enrichment produced lives here, keyed
-- by (tenant_id, lead_id) or by the source lead, so one erasure removes it.

CREATE TABLE enrichment.runs (
    tenant_id     uuid        NOT NULL,
    lead_id       uuid        NOT NULL,
    provider      text        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('pending', 'complete', 'no_match', 'failed',
                                                        'skipped_no_consent', 'budget_exhausted')),
    detail        text,
    input_key     text,
    token         uuid        NOT NULL,
    in_flight     boolean     NOT NULL DEFAULT false,
    attempts      int         NOT NULL DEFAULT 0,
    lease_until   timestamptz,
    poll_location text,
    next_at       timestamptz,
    reserved_cents int        NOT NULL DEFAULT 0,
    started_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    completed_at  timestamptz,
    PRIMARY KEY (tenant_id, lead_id, provider)
);

CREATE TABLE enrichment.fields (
    tenant_id  uuid        NOT NULL,
    lead_id    uuid        NOT NULL,
    field      text        NOT NULL,
    provider   text        NOT NULL,
    value      text        NOT NULL,
    confidence real        NOT NULL,
    fetched_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, lead_id, field)
);

CREATE TABLE enrichment.conflicts (
    tenant_id      uuid        NOT NULL,
    lead_id        uuid        NOT NULL,
    field          text        NOT NULL,
    provider       text        NOT NULL,
    typed_value    text        NOT NULL,
    provider_value text        NOT NULL,
    recorded_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, lead_id, field)
);

CREATE TABLE enrichment.cache (
    tenant_id      uuid        NOT NULL,
    provider       text        NOT NULL,
    input_key      text        NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('match', 'no_match')),
    fields         jsonb       NOT NULL,
    fetched_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    source_lead_id uuid        NOT NULL,
    PRIMARY KEY (tenant_id, provider, input_key)
);
CREATE INDEX cache_source_lead ON enrichment.cache (tenant_id, source_lead_id);

CREATE TABLE enrichment.budgets (
    tenant_id    uuid   NOT NULL,
    month        date   NOT NULL,
    limit_cents  bigint NOT NULL,
    spent_cents  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, month)
);

CREATE TABLE enrichment.settings (
    tenant_id            uuid        NOT NULL PRIMARY KEY,
    monthly_budget_cents bigint      NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE TABLE enrichment.provider_stats (
    tenant_id   uuid   NOT NULL,
    provider    text   NOT NULL,
    month       date   NOT NULL,
    calls       bigint NOT NULL DEFAULT 0,
    matches     bigint NOT NULL DEFAULT 0,
    no_matches  bigint NOT NULL DEFAULT 0,
    cache_hits  bigint NOT NULL DEFAULT 0,
    errors      bigint NOT NULL DEFAULT 0,
    spent_cents bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, provider, month)
);

CREATE TABLE enrichment.credit_consents (
    tenant_id      uuid        NOT NULL,
    lead_id        uuid        NOT NULL,
    notice_version text        NOT NULL,
    agreed         boolean     NOT NULL,
    agreed_at      timestamptz NOT NULL,
    ip             text        NOT NULL,
    purpose        text        NOT NULL,
    date_of_birth  date,
    recorded_by    uuid,
    recorded_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);

CREATE TABLE enrichment.objections (
    tenant_id   uuid        NOT NULL,
    lead_id     uuid        NOT NULL,
    reason      text,
    recorded_by uuid,
    objected_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);

CREATE TABLE enrichment.notices (
    tenant_id     uuid        NOT NULL,
    lead_id       uuid        NOT NULL,
    kind          text        NOT NULL,
    scheduled_for timestamptz NOT NULL,
    due_by        timestamptz NOT NULL,
    issued_at     timestamptz,
    PRIMARY KEY (tenant_id, lead_id, kind)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['runs', 'fields', 'conflicts', 'cache', 'budgets', 'settings', 'provider_stats',
                           'credit_consents', 'objections', 'notices'] LOOP
    EXECUTE format('ALTER TABLE enrichment.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE enrichment.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON enrichment.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
