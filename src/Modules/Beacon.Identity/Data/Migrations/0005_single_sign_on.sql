-- Single sign-on (ADR 0025): a brokerage's OpenID Connect provider, the e-mail domains that sign in through it, and
-- the one-time hand-offs from the provider's callback to the web app. The client secret is stored encrypted
-- (AES-GCM, the key that protects signing keys); a domain belongs to one brokerage at most, looked up before a
-- tenant is known, so it lives in identity_private behind SECURITY DEFINER functions like the user directory.

CREATE TABLE identity.sso_settings (
    tenant_id       uuid        PRIMARY KEY,
    enabled         boolean     NOT NULL,
    issuer          text        NOT NULL,
    client_id       text        NOT NULL,
    client_secret   bytea       NOT NULL,
    allowed_domains text[]      NOT NULL,
    default_role    text        NOT NULL CHECK (default_role IN ('admin', 'team_lead', 'agent', 'read_only')),
    sso_only        boolean     NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      uuid        NOT NULL
);

-- A verified sign-in waiting for the web app to collect it: the browser holds the token (in the URL fragment, so it
-- reaches no server log), only its SHA-256 is stored, it lives a minute and works once.
CREATE TABLE identity.sso_handoffs (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    token_hash   bytea       NOT NULL,
    email        text        NOT NULL,
    display_name text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sso_settings', 'sso_handoffs'] LOOP
    EXECUTE format('ALTER TABLE identity.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE identity.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON identity.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;

CREATE TABLE identity_private.sso_domains (
    domain    text PRIMARY KEY,
    tenant_id uuid NOT NULL
);
CREATE INDEX sso_domains_tenant ON identity_private.sso_domains (tenant_id);

CREATE FUNCTION identity.find_sso_tenant(p_domain text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT d.tenant_id FROM identity_private.sso_domains d WHERE d.domain = p_domain
$$;

-- Makes p_domains the calling tenant's (platform.current_tenant(), never a parameter) set of domains. Returns the
-- domains another brokerage holds, changing nothing, when there are any.
CREATE FUNCTION identity.claim_sso_domains(p_domains text[]) RETURNS text[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_tenant uuid := platform.current_tenant();
    v_taken  text[];
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'claim_sso_domains needs a tenant-bound transaction';
    END IF;
    SELECT coalesce(array_agg(d.domain ORDER BY d.domain), '{}') INTO v_taken
      FROM identity_private.sso_domains d WHERE d.domain = ANY (p_domains) AND d.tenant_id <> v_tenant;
    IF cardinality(v_taken) > 0 THEN
        RETURN v_taken;
    END IF;
    DELETE FROM identity_private.sso_domains d WHERE d.tenant_id = v_tenant AND NOT (d.domain = ANY (p_domains));
    INSERT INTO identity_private.sso_domains (domain, tenant_id)
    SELECT DISTINCT x, v_tenant FROM unnest(p_domains) AS x
     WHERE NOT EXISTS (SELECT 1 FROM identity_private.sso_domains d WHERE d.domain = x);
    RETURN '{}';
END $$;
