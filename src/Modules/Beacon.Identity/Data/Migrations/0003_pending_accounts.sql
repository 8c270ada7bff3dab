-- Accounts waiting for their owner to confirm the e-mail address (ADR 0009). Signup and accept-invitation answer the
-- same whether or not the address already has an account, so neither creates the user: a new address gets a row
-- here and a link carrying a one-time token (only its SHA-256 is stored); confirming creates the user. For a signup
-- tenant_id is the brokerage-to-be (nothing else has it yet), for an invitation the inviting tenant, so row-level
-- security guards this table like the others.
CREATE TABLE identity.pending_accounts (
    tenant_id      uuid        NOT NULL,
    id             uuid        NOT NULL,
    token_hash     bytea       NOT NULL,
    email          text        NOT NULL,
    display_name   text        NOT NULL,
    password_hash  text        NOT NULL,
    brokerage_name text,
    invitation_id  uuid,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash),
    CHECK ((brokerage_name IS NULL) <> (invitation_id IS NULL))
);

ALTER TABLE identity.pending_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.pending_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON identity.pending_accounts USING (tenant_id = platform.current_tenant())
    WITH CHECK (tenant_id = platform.current_tenant());

-- Whether an address has an account, without claiming it (identity.claim_email does both).
CREATE FUNCTION identity.email_registered(p_email text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM identity_private.user_directory WHERE email = p_email)
$$;
