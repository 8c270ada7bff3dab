-- Settings screens and passwords: a user's phone and time zone (their profile), a team's lead, and password-reset
-- links. A reset link carries a one-time token (only its SHA-256 is stored, like every secret here), expires soon and
-- is used up by a successful reset, which also uses up every other outstanding link of the user (ADR 0022).

ALTER TABLE identity.users ADD COLUMN phone text, ADD COLUMN time_zone text;

ALTER TABLE identity.teams ADD COLUMN lead_user_id uuid,
    ADD FOREIGN KEY (tenant_id, lead_user_id) REFERENCES identity.users (tenant_id, id);

CREATE TABLE identity.password_resets (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    token_hash bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES identity.users (tenant_id, id)
);
CREATE INDEX password_resets_user ON identity.password_resets (tenant_id, user_id, created_at);

ALTER TABLE identity.password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.password_resets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON identity.password_resets USING (tenant_id = platform.current_tenant())
    WITH CHECK (tenant_id = platform.current_tenant());
