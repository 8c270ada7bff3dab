-- Privacy (GDPR): erasure tombstones, consent and objection history per purpose, and each tenant's retention policy.

-- What remains of an erased lead: that it existed, when and why it was erased, by whom. No personal data: the
-- reason is a category or a ticket reference (the screen says so), never the person's name.
CREATE TABLE privacy.erasures (
    tenant_id uuid        NOT NULL,
    lead_id   uuid        NOT NULL,
    erased_at timestamptz NOT NULL,
    actor_id  uuid,
    basis     text        NOT NULL CHECK (basis IN ('request', 'retention')),
    reason    text        NOT NULL,
    modules   text[]      NOT NULL,
    PRIMARY KEY (tenant_id, lead_id)
);
CREATE INDEX erasures_recent ON privacy.erasures (tenant_id, erased_at DESC);

-- Append-only: every consent given, withdrawn or objection made, per purpose; the latest row is the current state.
CREATE TABLE privacy.consents (
    tenant_id   uuid        NOT NULL,
    lead_id     uuid        NOT NULL,
    id          uuid        NOT NULL,
    purpose     text        NOT NULL CHECK (purpose IN ('email_marketing', 'sms_marketing', 'calls', 'profiling', 'enrichment')),
    decision    text        NOT NULL CHECK (decision IN ('granted', 'withdrawn', 'objected')),
    source      text        NOT NULL,
    text_shown  text,
    reason      text,
    given_at    timestamptz NOT NULL,
    actor_id    uuid,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, lead_id, id)
);
CREATE INDEX consents_latest ON privacy.consents (tenant_id, lead_id, purpose, recorded_at DESC, id DESC);

CREATE TABLE privacy.retention_policies (
    tenant_id       uuid        NOT NULL PRIMARY KEY,
    enabled         boolean     NOT NULL,
    inactive_months int         NOT NULL CHECK (inactive_months BETWEEN 1 AND 120),
    updated_at      timestamptz NOT NULL,
    updated_by      uuid,
    last_run_at     timestamptz,
    last_run_erased int         NOT NULL DEFAULT 0
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['erasures', 'consents', 'retention_policies'] LOOP
    EXECUTE format('ALTER TABLE privacy.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON privacy.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;
ALTER TABLE privacy.erasures FORCE ROW LEVEL SECURITY;
ALTER TABLE privacy.consents FORCE ROW LEVEL SECURITY;
-- retention_policies is not FORCEd: the owner-run function below lists the tenants with a policy for the sweep,
-- which runs before any tenant is known. The application role stays under the tenant policy.

CREATE FUNCTION privacy.tenants_with_retention() RETURNS TABLE (tenant_id uuid, inactive_months int)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT p.tenant_id, p.inactive_months FROM privacy.retention_policies p WHERE p.enabled ORDER BY p.tenant_id
$$;
