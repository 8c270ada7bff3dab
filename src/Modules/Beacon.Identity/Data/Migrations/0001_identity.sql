-- Identity: tenants, teams, users, refresh tokens, API keys, invitations (schema identity, under row-level
-- security), and what must be looked up before a tenant is known (schema identity_private, reached only through
-- the SECURITY DEFINER functions below: the application role cannot read those tables).

CREATE SCHEMA IF NOT EXISTS identity_private;

CREATE TABLE identity.tenants (
    tenant_id  uuid        PRIMARY KEY,
    name       text        NOT NULL,
    is_demo    boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity.teams (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE identity.users (
    tenant_id      uuid        NOT NULL,
    id             uuid        NOT NULL,
    email          text        NOT NULL,
    display_name   text        NOT NULL,
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('owner', 'admin', 'team_lead', 'agent', 'read_only')),
    team_id        uuid,
    active         boolean     NOT NULL DEFAULT true,
    security_stamp int         NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email),
    FOREIGN KEY (tenant_id, team_id) REFERENCES identity.teams (tenant_id, id)
);

CREATE TABLE identity.refresh_tokens (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    token_hash  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES identity.users (tenant_id, id)
);
CREATE INDEX refresh_tokens_family ON identity.refresh_tokens (tenant_id, family_id);

CREATE TABLE identity.api_keys (
    tenant_id    uuid        NOT NULL,
    id           uuid        NOT NULL,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     bytea       NOT NULL,
    role         text        NOT NULL CHECK (role IN ('admin', 'team_lead', 'agent', 'read_only')),
    created_by   uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key_hash)
);

CREATE TABLE identity.invitations (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    email       text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('admin', 'team_lead', 'agent', 'read_only')),
    team_id     uuid,
    token_hash  bytea       NOT NULL,
    invited_by  uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenants', 'teams', 'users', 'refresh_tokens', 'api_keys', 'invitations'] LOOP
    EXECUTE format('ALTER TABLE identity.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE identity.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON identity.%I USING (tenant_id = platform.current_tenant()) '
                   'WITH CHECK (tenant_id = platform.current_tenant())', t);
  END LOOP;
END $$;

-- Signing keys belong to the deployment, not to a tenant. Private keys are stored encrypted (AES-GCM) with a key
-- from configuration, so a database dump alone cannot mint tokens.
CREATE TABLE identity.signing_keys (
    kid           text        PRIMARY KEY,
    public_x      text        NOT NULL,
    public_y      text        NOT NULL,
    private_key   bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    activates_at  timestamptz NOT NULL,
    retires_at    timestamptz NOT NULL
);

-- One e-mail address, one user, in one tenant: login finds the tenant from the address.
CREATE TABLE identity_private.user_directory (
    email     text PRIMARY KEY,
    tenant_id uuid NOT NULL,
    user_id   uuid NOT NULL
);

CREATE TABLE identity_private.login_throttle (
    email         text        PRIMARY KEY,
    failures      int         NOT NULL,
    window_start  timestamptz NOT NULL,
    locked_until  timestamptz
);

CREATE FUNCTION identity.claim_email(p_email text, p_tenant uuid, p_user uuid) RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH inserted AS (
        INSERT INTO identity_private.user_directory (email, tenant_id, user_id) VALUES (p_email, p_tenant, p_user)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM inserted)
$$;

CREATE FUNCTION identity.find_login(p_email text) RETURNS TABLE (tenant_id uuid, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT d.tenant_id, d.user_id FROM identity_private.user_directory d WHERE d.email = p_email
$$;

-- Returns the lock-out end when the address is locked, else null. Failures count within a sliding window.
CREATE FUNCTION identity.login_locked_until(p_email text) RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT locked_until FROM identity_private.login_throttle WHERE email = p_email AND locked_until > now()
$$;

CREATE FUNCTION identity.record_login_failure(p_email text, p_max int, p_window interval, p_lockout interval)
RETURNS timestamptz
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO identity_private.login_throttle AS t (email, failures, window_start)
    VALUES (p_email, 1, now())
    ON CONFLICT (email) DO UPDATE SET
        failures     = CASE WHEN t.window_start < now() - p_window THEN 1 ELSE t.failures + 1 END,
        window_start = CASE WHEN t.window_start < now() - p_window THEN now() ELSE t.window_start END,
        locked_until = CASE WHEN t.window_start >= now() - p_window AND t.failures + 1 >= p_max
                            THEN now() + p_lockout ELSE t.locked_until END
    RETURNING CASE WHEN locked_until > now() THEN locked_until END
$$;

CREATE FUNCTION identity.reset_login_failures(p_email text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DELETE FROM identity_private.login_throttle WHERE email = p_email
$$;

REVOKE ALL ON SCHEMA identity_private FROM PUBLIC;
